#!/bin/sh
# A one-shot reportd exec plugin (protocol 1): turns a PDF into text with pdftotext (poppler-utils).
# Configure it with formats = ["pdf"]; the intake then hands it every .pdf it cannot read itself.
set -eu
read -r hello
printf '%s\n' '{"type":"hello","protocol":1,"name":"pdftotext","offers":{"formats":["pdf"]}}'
read -r request
case $(printf '%s' "$request" | jq -r .type) in
convert)
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    printf '%s' "$request" | jq -r .file.bytes | base64 -d > "$work/in.pdf"
    if pdftotext -enc UTF-8 -layout "$work/in.pdf" "$work/out.txt" 2> "$work/err"; then
        jq -cRs '{type: "result", additions: {text: .}}' < "$work/out.txt"
    else
        jq -cRs '{type: "error", message: ("pdftotext failed: " + .)}' < "$work/err"
    fi
    ;;
*)
    printf '%s\n' '{"type":"result","additions":{}}'
    ;;
esac
