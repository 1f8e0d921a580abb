#!/bin/sh
# Answers the hello, then takes far longer than any time limit a test sets.
read -r hello
printf '%s\n' '{"type":"hello","protocol":1}'
read -r request
sleep 30
printf '%s\n' '{"type":"result","additions":{}}'
