#!/usr/bin/env python3
"""Check RouterOS scripts (.rsc) offline with routeros-lsp (PyPI), which carries RouterOS's own
command database (menus, commands, parameter names) and the scripting language's syntax rules
(strings, escapes, brackets, variables).

Usage: routeros_check.py [--scope import|script] FILE...
Prints one JSON object: {"findings": [{"file", "line", "rule", "severity", "message"}, ...]}.
Exit status: 0 no finding, 1 findings, 3 routeros-lsp is not installed (the caller skips).
"""

import io
import json
import sys


def main(argv):
    try:
        from routeros_lsp import cli_check
    except ImportError:
        sys.stderr.write("routeros-lsp is not installed (scripts/install-test-deps installs it)\n")
        return 3
    out = io.StringIO()
    err = io.StringIO()
    status = cli_check.run(["--strict", "--format", "json"] + argv, sys.stdin.buffer, out, err)
    if status == 2:
        sys.stderr.write(err.getvalue())
        return 2
    findings = json.loads(out.getvalue() or "[]")
    print(json.dumps({"findings": findings}))
    return 0 if not findings else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
