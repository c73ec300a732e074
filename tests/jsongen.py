#!/usr/bin/env python3
"""jsongen.py DIR N SEED: N files of random JSON texts in DIR, with the
corners a JSON reader and printer get wrong: escapes, surrogates, control
characters, UTF-8, big and small numbers, -0, deep nesting, odd spacing,
several values a file, and jq's own extensions (nan, leading zeros)."""
import json
import os
import random
import sys

d, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
NUMS = ["0", "-0", "1", "-1", "1e16", "1e15", "9999999999999999",
        "12345678901234567890", "0.1", "1.5", "1e-5", "1E+2", "2.50",
        "1e308", "1e309", "-1e-320", "4.9e-324", "0.30000000000000004",
        "100000000000000000", "123.456e7", "1e-7", "5e-324", "1.0", "1E2",
        "1e+2", "1e+16", "0.10", "-0.0", "1.5e0", "100e-2", "1e2",
        "123456789012345", "1234567890123456", "-123456789012345",
        "0.001", "1e-05", "1e-5", "2.5e-3", "0.0025"]
STRS = ['""', '"a"', '"\\u00e9"', '"\\ud83d\\ude00"', '"\\n\\t\\"\\\\\\/"',
        '"\\u0000"', '"\\u001f\\u007f"', '"é"', '"😀"', '"\\b\\f\\r"',
        '"a\\u0041b"', '"\\uDBFF\\uDFFF"', '"\\u007F"', '"\\u007f"',
        '"\\u001F"', '"\\u001f"', '"\x7f"', '"\\/"', '"\\u000a"',
        '"\\u0008"', '"\\u00e9"', '"\\ud83d\\ude00"', '"\\u0000"']
ODD = ["nan", "NaN", "01", "-", "+1", ".5", "1.", "[1,]", "{\"a\":1,}",
       '"\\ud800"', '"\\udc00x"', '"a\tb"', '"\x01"', "\x00", "tru",
       '"\\x"', "[1 2]", "{\"a\" 1}", "{1:2}", "\xef\xbb\xbf{}",
       '"\xff\xfe"', '"\xc3"', "truefalse", "1a", "[" * 300 + "]" * 300,
       '{"a":1,"a":2}', "\f1"]


def value(depth):
    r = rnd.random()
    if depth > 6 or r < 0.35:
        return rnd.choice(NUMS + STRS + ["true", "false", "null"])
    if r < 0.65:
        items = [value(depth + 1) for _ in range(rnd.randrange(5))]
        return "[" + sep().join(items) + "]"
    keys = [rnd.choice(STRS + ['"k%d"' % rnd.randrange(9)])
            for _ in range(rnd.randrange(6))]
    return "{" + sep().join(k + ws() + ":" + ws() + value(depth + 1)
                            for k in keys) + "}"


COMPACT = [False]


def ws():
    if COMPACT[0]:
        return ""
    return rnd.choice(["", "", "", " ", "\n", "\t", "\r\n  "])


def sep():
    return ws() + "," + ws()


for i in range(n):
    COMPACT[0] = rnd.random() < 0.5
    parts = [ws() + value(0) for _ in range(rnd.randrange(1, 4))]
    if rnd.random() < 0.2:
        parts.insert(rnd.randrange(len(parts) + 1), rnd.choice(ODD))
    text = "\n".join(parts) + rnd.choice(["", "\n", " "])
    with open(os.path.join(d, "%04d.json" % i), "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape"))
