#!/usr/bin/env python3
"""A long-lived reportd exec plugin (protocol 1) in Python: tags a report with the topics it names and
flags vague wording as an info finding. One JSON object per line in, one per line out."""
import json
import sys

TOPICS = {"科技": "topic:science", "普法": "topic:legal-education", "执法": "topic:enforcement", "营商环境": "topic:business"}
VAGUE = ["等等", "有关方面", "进一步加强"]


def reply(message):
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    request = json.loads(line)
    kind = request.get("type")
    if kind == "hello":
        reply({"type": "hello", "protocol": 1, "name": "keywords", "offers": {"findings": True}})
    elif kind == "process":
        text = request["document"]["text"]  # Python indexes str by code point: the same unit as reportd's spans
        tags = sorted({tag for word, tag in TOPICS.items() if word in text})
        findings = []
        for word in VAGUE:
            start = text.find(word)
            if start >= 0:
                findings.append({"rule": "vague-wording", "severity": "info",
                                 "message": f"用语“{word}”较笼统，建议写明具体内容", "span": [start, start + len(word)], "excerpt": word})
        reply({"type": "result", "additions": {"tags": tags, "findings": findings}})
    else:
        reply({"type": "error", "message": f"request type {kind!r} is not offered"})
