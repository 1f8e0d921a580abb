#!/bin/sh
# Answers the hello, complains on stderr and exits with status 3 without a reply.
read -r hello
printf '%s\n' '{"type":"hello","protocol":1}'
read -r request
echo "cannot open model file" >&2
exit 3
