#!/bin/sh
# Fails on purpose, to show what a failed gate looks like: the demo dependency
# list contains a licence that the release policy does not allow.
echo "auditing licences of 4 dependencies..."
echo "  left-pad      MIT         ok"
echo "  fast-json     Apache-2.0  ok"
echo "  tiny-color    ISC         ok"
printf '  \033[31mcopyleft-lib  AGPL-3.0    not allowed by policy\033[0m\n'
echo "1 dependency has a licence the policy forbids"
exit 3
