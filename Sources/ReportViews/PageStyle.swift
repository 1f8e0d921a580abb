/// The CSS every page carries inline: system fonts with a CJK stack, readable on a laptop and at phone width.
enum PageStyle {
    static let css = """
    :root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --paper: #fff; --band: #f6f7f9;
      --metric: #fff1b8; --error: #d93025; --warning: #e37400; --info: #1a73e8; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.75; font-size: 16px;
      font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
        "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif; }
    header, footer { padding: 1rem 1.25rem; background: var(--band); border-bottom: 1px solid var(--line); }
    footer { border-top: 1px solid var(--line); border-bottom: 0; font-size: 0.875rem; }
    h1 { font-size: 1.375rem; margin: 0 0 0.25rem; line-height: 1.4; word-break: break-word; }
    h2 { font-size: 1.0625rem; margin: 0.75rem 0 0.25rem; }
    h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
    a { color: #1558d6; }
    .meta { color: var(--muted); margin: 0; word-break: break-all; }
    .notice { margin: 0.75rem 1.25rem; padding: 0.5rem 0.75rem; border-left: 4px solid var(--warning); background: #fef7e0; }
    .layout { display: grid; grid-template-columns: minmax(12rem, 18rem) minmax(0, 1fr) minmax(16rem, 24rem);
      gap: 1.25rem; padding: 1rem 1.25rem; align-items: start; }
    nav, aside { position: sticky; top: 0; max-height: 100vh; overflow: auto; font-size: 0.9375rem; }
    nav ol { padding-left: 1.6em; margin: 0.25rem 0; }
    aside ol { padding-left: 2.8em; margin: 0.25rem 0; }
    aside li { margin-bottom: 0.375rem; }
    summary { cursor: pointer; font-weight: 600; }
    .text { white-space: pre-wrap; word-break: break-word; overflow-wrap: anywhere; font-size: 1.0625rem;
      line-height: 1.9; max-width: 48rem; }
    mark.m { background: var(--metric); color: inherit; border-radius: 2px; }
    .f { text-decoration: underline wavy; text-underline-offset: 0.25em; text-decoration-skip-ink: none; }
    .f.error { text-decoration-color: var(--error); }
    .f.warning { text-decoration-color: var(--warning); }
    .f.info { text-decoration-color: var(--info); }
    .point { display: inline-block; width: 0.5em; height: 1em; border-left: 2px solid var(--error); }
    :target { outline: 2px solid #1a73e8; outline-offset: 2px; }
    .sev { display: inline-block; min-width: 2.5em; padding: 0 0.25em; border-radius: 3px; color: #fff;
      font-size: 0.8125rem; text-align: center; }
    .sev.error { background: var(--error); } .sev.warning { background: var(--warning); } .sev.info { background: var(--info); }
    .rule, .small { color: var(--muted); font-size: 0.8125rem; }
    q { quotes: "「" "」"; }
    table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
    th, td { border-bottom: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    .scroll { overflow-x: auto; }
    .status-processed { color: #188038; } .status-duplicate { color: var(--warning); } .status-failed { color: var(--error); }
    main { min-width: 0; }
    @media (max-width: 1100px) {
      .layout { grid-template-columns: minmax(0, 1fr) minmax(14rem, 20rem); }
      nav { grid-column: 1 / -1; position: static; max-height: none; }
    }
    @media (max-width: 720px) {
      body { font-size: 15px; }
      .layout { display: block; padding: 0.75rem; }
      nav, aside { position: static; max-height: none; margin-bottom: 1rem; }
      .text { font-size: 1rem; }
      header, footer { padding: 0.75rem; }
      .notice { margin: 0.75rem; }
    }
    """
}
