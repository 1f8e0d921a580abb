#!/bin/sh
# Answers the hello, then prints something that is not JSON.
read -r hello
printf '%s\n' '{"type":"hello","protocol":1}'
read -r request
echo "Traceback (most recent call last): this is not the protocol"
