"""Writes the expected values of the oracle tests, as CPython 3.11 computes them, to ../resources/oracle/.

    python3 replay4j/src/test/oracle/cpython_cases.py [path/to/shared/reference]

The tests read these files; they never run Python. Each file is tab-separated, one case a line, and says in its
first line what it holds. Run again (and review the diff) when a case is added here.
"""
import json
import math
import os
import random
import struct
import sys
from urllib.parse import urlparse

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "oracle")
sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "reference"))
import reckey  # noqa: E402  (the reference implementation of the spec, beside the project)


def esc(s):
    """A Java-readable escape of a field: \\t, \\n, \\\\ and \\uXXXX for anything outside printable ASCII."""
    out = []
    for ch in s:
        cp = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif 0x20 <= cp < 0x7f:
            out.append(ch)
        elif cp > 0xFFFF:
            hi, lo = divmod(cp - 0x10000, 0x400)
            out.append("\\u%04x\\u%04x" % (0xD800 + hi, 0xDC00 + lo))
        else:
            out.append("\\u%04x" % cp)
    return "".join(out)


def floats():
    values = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.1, 0.5, 2.675, 1.000005, 0.000015, 1e-05, 9.5e-05, 1e-4,
              0.015625, 0.046875, 0.0078125, 2.5e-06, -2.5e-06, 5e-06, -5e-06, 1.5e-05, 1e16, 9999999999999998.0, 1e22, 1e23,
              2.0 ** 53, 2.0 ** 53 - 1, 2.0 ** 52 + 0.5, -(2.0 ** 52 + 0.5), 4503599627370495.5, 1e300, -1e300, 1.7976931348623157e308,
              2.2250738585072014e-308, 2.225073858507201e-308, 123456.789, 1234.56789012, 0.30000000000000004, 100.0, 1e15, 1e17,
              12345678901234567890.0, 0.00001234, 0.000099999, 9.99999e-05, 0.999995, 0.9999949999, 99999.999995, 0.123455, 0.123465]
    values += [k * 5e-324 for k in range(1, 41)]
    values += [10.0 ** e for e in range(-325, 309, 7)]
    values += [9.0 * 10.0 ** e for e in (-323, -322, -310, -300, 20, 21, 300)]
    rng = random.Random(20261201)
    for _ in range(150):
        values.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
    for _ in range(100):
        values.append(rng.uniform(-1000, 1000))
    for _ in range(50):
        values.append(rng.randint(-10 ** 6, 10 ** 6) / 100000 + rng.choice((0, 5e-6, -5e-6)))
    lines = ["# bits\tjson.dumps(x)\tjson.dumps(round(x, 5))\tf'{x:.5f}' (json.dumps: repr, or NaN, Infinity; NaN bits are Java's)"]
    for v in values:
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        if math.isnan(v):
            bits = 0x7FF8000000000000
        lines.append("%016x\t%s\t%s\t%s" % (bits, json.dumps(v), json.dumps(round(v, 5)), format(v, ".5f")))
    return lines


def urls():
    cases = [
        "https://x.openai.azure.com/openai/v1/v1/chat/completions?api-version=1#f", "http://0.0.0.0:11434/v1/chat/completions",
        "https://user:hunter2@api.example.com/v1/chat/completions", "HTTPS://API.example.com/V1/Models", "http://h:8080",
        "http://h:8080?x=1", "http://h:8080#frag", "http://h/a;p/b;q", "http://h/a/b;q?x=1", "/v1/models;params",
        "/v1/models?limit=1;x", "/v1/a;b/c", "git+ssh://host/repo;param", "svn+ssh://h/p;x", "mailto:someone@example.com",
        "vertexai:///projects/p", "a1+.-://h/p", "Z9://h/p;q", "1http://h/p", "+http://h/p", ":///p",
        "/v1beta/models/gemini:generateContent", "v1beta/models/gemini:generateContent", "models:generate/x",
        "http_x://h/p", "ht*tp://h/p", "ht@p://h/p", "ht[p://h/p", "ht`p://h/p", "ht{p://h/p", "ht/p://h/p", "ht:p://h/p",
        "//host/path;x", "//host", "//host?q", "//host#f", "", "/", "?q", "#f", "/p#f?x", "http://h/p?q#f;x", "http://h#f/x",
        "http://h?q/x", "https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke", "ftp://h/f;type=a",
        "tel:+1-816-555-1212;ext=1", "foo://h/p;q", "\u00e9http://h/p", "h\u00e9://h/p", "Http://H/p", "http:/p;q", "http:p;q",
        "http://h/;x", "http://h/a;", "http://h/a;b;c", "sftp://h/a;b", "rtsp://h/a;b", "sips://h/a;b", "imap://h/a;b",
        "prospero://h/a;b", "hdl://h/a;b", "shttp://h/a;b", "rtspu://h/a;b", "sip://h/a;b", "mms://h/a;b", "file://h/a;b",
        "data:text/plain;base64,SGVsbG8=", "http://[::1]:8080/v1/x", "HTTP://h/a;b", "a:b", "a:", ":", "a", "//", "///p;x",
    ]
    lines = ["# url\tnetloc\tpath (urllib.parse.urlparse)"]
    for c in cases:
        p = urlparse(c)
        lines.append("%s\t%s\t%s" % (esc(c), esc(p.netloc), esc(p.path)))
    return lines


def normalized_strings():
    spaces = [0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x7F, 0x80, 0x84, 0x85, 0x86,
              0x9F, 0xA0, 0xA1, 0x167F, 0x1680, 0x1681, 0x1FFF, 0x2000, 0x2005, 0x200A, 0x200B, 0x2027, 0x2028, 0x2029, 0x202A,
              0x202E, 0x202F, 0x2030, 0x205E, 0x205F, 0x2060, 0x2FFF, 0x3000, 0x3001, 0xFEFF]
    digits = [0x2F, 0x30, 0x35, 0x39, 0x3A, 0x7F, 0x80, 0xB2, 0xB9, 0x660, 0x669, 0x66A, 0x6F0, 0x6F9, 0x966, 0x96F, 0x970,
              0x19DA, 0x2070, 0x2460, 0xFF0F, 0xFF10, 0xFF19, 0xFF1A, 0x1D7CE, 0x1D7FF, 0x1D800, 0x104A0, 0x104A9, 0x1F100]
    texts = []
    for cp in spaces:
        c = chr(cp)
        texts += ["x" + c + "attributes:" + c + "{k: v} y", "a," + c + c + "attributes: {k}", "score:" + c + "0.5 z",
                  c + "attributes:{}" + c]
    for cp in digits:
        c = chr(cp)
        texts += ["v " + c + "1.23456 w", "v 1." + c + "2345 w", "v 1.2345" + c + " w", "v -" + c + ".12345", "v " + c * 2 + "." + c * 4,
                  "score: " + c + "." + c, "v 1.234" + c + "5"]
    texts += ["1.2345.6789", "-1.23456-2.34567", "--1.23456", "1.23456.", ".12345", "0.00000049999", "9.999995", "a.b.c.d",
              "x attributes: {a} attributes: {b}", ",attributes:{a},attributes:{b}", "attributes: {a", "attributes:", "attributes: x {a}"]
    lines = ["# text\tnormalized text (the reference's _norm_str, reckey.py)"]
    for t in texts:
        lines.append("%s\t%s" % (esc(t), esc(reckey._norm_str(t))))
    return lines


def json_texts():
    keys = ["a", "b", "ab", "", "A", "~", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\U00010000", "\U0001F600", "\U0001F601",
            "a\U0001F600", "a\uffff", "a\U0001F601", "\U0001F600a", "\U0001F600\U0001F600", "\U0001F600\uffff", "\uffff\U0001F600"]
    rng = random.Random(20261202)
    values = [{}, [], {"a": {}}, {"a": []}, [[]], [{}], {"k": [1, {"x": [], "y": {}}, []]}, [1, [2, [3, []]]],
              {"z": 1, "a": {"y": 2, "b": [3, {"d": 4, "c": 5}]}}, "\U0001F600 and \u00e9", 1.5, -0.0, 10 ** 30, True, None]
    for _ in range(40):
        chosen = rng.sample(keys, rng.randint(2, 7))
        values.append({k: i for i, k in enumerate(chosen)})
    lines = ["# input\tjson.dumps(v, sort_keys=True)\tjson.dumps(v)\tjson.dumps(v, indent=2)"]
    for v in values:
        lines.append("\t".join(esc(t) for t in (json.dumps(v, ensure_ascii=False), json.dumps(v, sort_keys=True), json.dumps(v),
                                                   json.dumps(v, indent=2))))
    return lines


for name, lines in (("python-floats.tsv", floats()), ("python-json.tsv", json_texts()), ("urlparse.tsv", urls()), ("normalized-strings.tsv", normalized_strings())):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(name, len(lines) - 1, "cases")
