#!/bin/sh
# A one-shot reportd exec plugin (protocol 1) in shell, with jq: tags a report by the length of its text.
set -eu
read -r hello
printf '%s\n' '{"type":"hello","protocol":1,"name":"length-tag"}'
read -r request
characters=$(printf '%s' "$request" | jq -r '.document.text | length')
if [ "$characters" -lt 2000 ]; then size=short; elif [ "$characters" -lt 8000 ]; then size=medium; else size=long; fi
jq -cn --arg tag "length:$size" '{type: "result", additions: {tags: [$tag]}}'
