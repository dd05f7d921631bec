#!/usr/bin/env python3
"""Reads a FortiOS CLI script (standard input) with an offline FortiOS config reader from PyPI,
anyconfig-fortios-backend (python-anyconfig's "fortios" parser), and prints what it read as
JSON: {"configs": [{"config": PATH, "edits": [{"edit": NAME, KEY: VALUE, ...}], ...}]}.

Exit status 3 when the reader is not installed (pip install anyconfig anyconfig-fortios-backend),
so that the calling test can say so and skip.
"""
import json
import sys

try:
    import anyconfig
    import anyconfig_fortios_backend  # noqa: F401  (registers the "fortios" parser)
except ImportError as error:
    print(f"fortios reader missing: {error}", file=sys.stderr)
    sys.exit(3)

text = sys.stdin.read()
try:
    parsed = anyconfig.loads(text, ac_parser="fortios")
except Exception as error:  # the reader's own complaint is the test's finding
    print(f"fortios reader refused the script: {error}", file=sys.stderr)
    sys.exit(1)
json.dump(parsed, sys.stdout, default=str, sort_keys=True)
