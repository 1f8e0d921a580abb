#!/usr/bin/env python3
"""Long-lived: answers the first report, crashes on the second; a restarted process answers again."""
import json, sys
served = 0
for line in sys.stdin:
    request = json.loads(line)
    if request["type"] == "hello":
        print(json.dumps({"type": "hello", "protocol": 1}), flush=True)
        continue
    served += 1
    if served == 2:
        sys.exit(9)
    print(json.dumps({"type": "result", "additions": {"tags": ["served"]}}), flush=True)
