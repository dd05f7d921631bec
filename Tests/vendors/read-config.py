#!/usr/bin/env python3
"""Reads a configuration genpeer wrote for a router with ciscoconfparse2, an offline parser of
Cisco IOS, ASA and Junos configurations, and prints what it read as JSON for the Swift tests.

    read-config.py ios|asa|junos FILE

Exit 3 with a message when ciscoconfparse2 is not installed (the test then skips)."""
import json
import sys
import warnings

try:
    from ciscoconfparse2 import CiscoConfParse
    from loguru import logger
    # ciscoconfparse2 logs to standard output, where the JSON goes.
    logger.remove()
except ImportError as error:
    print(f"ciscoconfparse2 is not installed ({error}): pip install ciscoconfparse2", file=sys.stderr)
    sys.exit(3)

warnings.filterwarnings("ignore")


def tree(objects):
    return [{"text": o.text.strip(), "children": tree(o.children)} for o in objects]


def cisco(syntax, path):
    parse = CiscoConfParse(path, syntax=syntax, factory=True)
    roots = [o for o in parse.objs if o.parent is o or o.parent is None or o.indent == 0]
    interfaces = {}
    for o in parse.find_objects(r"^interface "):
        interfaces[o.text.split()[1]] = {"address": str(o.ipv4_addr or ""), "netmask": str(o.ipv4_netmask or "")}
    routes = []
    for o in parse.find_objects(r"^(ip )?route "):
        if hasattr(o, "network"):
            routes.append({"text": o.text, "network": str(o.network), "netmask": str(o.netmask), "distance": o.admin_distance})
    groups = {}
    for o in parse.find_objects(r"^object-group network "):
        groups[o.text.split()[2]] = [str(n) for n in o.network_strings]
    return {"tree": tree([o for o in roots if o.indent == 0]), "interfaces": interfaces, "routes": routes, "objectGroups": groups}


def junos_words(line):
    """Junos CLI words: a double-quoted string is one word, backslash escapes the next character."""
    words, word, quoted, escaped, inside = [], "", False, False, False
    for character in line:
        if escaped:
            word += character
            escaped = False
        elif inside and character == "\\":
            escaped = True
        elif character == '"':
            inside = not inside
            quoted = True
        elif character == " " and not inside:
            if word or quoted:
                words.append(word)
            word, quoted = "", False
        else:
            word += character
    if inside or escaped:
        raise ValueError(f"unterminated string in: {line}")
    if word or quoted:
        words.append(word)
    return words


def junos(path):
    parse = CiscoConfParse(path, syntax="junos")
    statements = []
    for o in parse.objs:
        text = o.text.strip()
        if not text or text.startswith("#"):
            continue
        statements.append(junos_words(text))
    return {"statements": statements}


def main():
    syntax, path = sys.argv[1], sys.argv[2]
    result = junos(path) if syntax == "junos" else cisco(syntax, path)
    json.dump(result, sys.stdout)


main()
