#!/usr/bin/env python3
"""Test result bookkeeping for scripts/test.sh (Python standard library only).

  test_results.py summary DIR
      Adds up, under DIR: every *.trx (dotnet test), every *.junit.xml and every *.results.json
      (extra suites). Prints the failing tests, then ONE last line "N passed, N failed".
      Exit status: 0 = all passed and at least one test ran, 1 = failures, 2 = no test ran.
      Skipped tests are counted in neither number.

  test_results.py trx-failed DIR
      Prints how many tests the *.trx files under DIR report as not passed.

  test_results.py suite-result DIR LABEL EXIT_CODE
      Called after the extra suite LABEL ran. Makes sure the summary tells the truth even when the
      suite crashed: when DIR/LABEL.junit.xml and DIR/LABEL.results.json are both missing, or the
      suite exited non-zero while reporting no failure, or it ran nothing, it writes
      DIR/LABEL.status.results.json with one failure that says why. A crashed suite never looks green.

The two result formats an extra suite may write (see scripts/test.sh):
  JUnit XML   $JUNIT_XML     e.g. node --test --test-reporter=junit --test-reporter-destination="$JUNIT_XML"
                             every <testcase> counts: with <failure>/<error> failed, with <skipped> skipped,
                             else passed
  JSON        $RESULTS_JSON  {"passed": 12, "failed": 1, "failures": ["name of a failed check", ...]}
                             ("failures" optional)
"""
import html
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

# TRX outcomes that mean "did not pass" (Counters has separate attributes for them).
BAD_COUNTERS = ("failed", "error", "timeout", "aborted")
BAD_OUTCOMES = {"Failed", "Error", "Timeout", "Aborted"}
MAX_LISTED = 100


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _first_line(text, limit=200):
    text = (text or "").strip()
    return text.splitlines()[0][:limit] if text else ""


def read_trx(path):
    passed = failed = 0
    names = []
    root = ET.parse(path).getroot()
    # testName is only the method (and its arguments); the class lives in TestDefinitions.
    classes = {}
    for el in root.iter():
        if _local(el.tag) == "UnitTest":
            for m in el:
                if _local(m.tag) == "TestMethod" and m.get("className"):
                    classes[el.get("id")] = m.get("className")
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "Counters":
            passed += int(el.get("passed", 0))
            failed += sum(int(el.get(k, 0)) for k in BAD_COUNTERS)
        elif tag == "Results":
            # Only direct children: data-driven tests nest InnerResults that repeat their parent.
            for r in el:
                if _local(r.tag) == "UnitTestResult" and r.get("outcome") in BAD_OUTCOMES:
                    name = r.get("testName", "?")
                    cls = classes.get(r.get("testId"))
                    if cls and not name.startswith(cls):
                        name = f"{cls}.{name}"
                    msg = next((_first_line(m.text) for m in r.iter()
                                if _local(m.tag) == "Message" and (m.text or "").strip()), "")
                    names.append(name + (f" — {msg}" if msg else ""))
    return passed, failed, names


# Characters XML 1.0 forbids. Node's JUnit reporter copies ANSI colour codes (ESC) from error
# messages into the file verbatim, which makes it unparsable; drop them before parsing.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def read_junit(path, label):
    passed = failed = 0
    names = []
    text = pathlib.Path(path).read_text(encoding="utf-8", errors="replace")
    text = _XML_INVALID.sub("", _ANSI.sub("", text))
    for case in ET.fromstring(text).iter():
        if _local(case.tag) != "testcase":
            continue
        kids = {_local(k.tag): k for k in case}
        bad = kids.get("failure") if "failure" in kids else kids.get("error")
        if bad is not None:
            failed += 1
            # Node escapes the message twice (&amp;quot;), so undo the second layer for the log.
            msg = html.unescape(_first_line(bad.get("message") or bad.text))
            names.append(f"[{label}] {case.get('name', '?')}" + (f" — {msg}" if msg else ""))
        elif "skipped" not in kids:
            passed += 1
    return passed, failed, names


def read_json(path, label):
    data = json.loads(pathlib.Path(path).read_text())
    names = [f"[{label}] {n}" for n in data.get("failures", [])]
    return int(data.get("passed", 0)), int(data.get("failed", 0)), names


def read_any(f):
    name = f.name
    if name.endswith(".trx"):
        return read_trx(f)
    if name.endswith(".junit.xml"):
        return read_junit(f, name[: -len(".junit.xml")])
    label = name[: -len(".results.json")]
    return read_json(f, label[: -len(".status")] if label.endswith(".status") else label)


def result_files(d):
    d = pathlib.Path(d)
    return sorted(d.rglob("*.trx")) + sorted(d.rglob("*.junit.xml")) + sorted(d.rglob("*.results.json"))


def summary(directory):
    passed = failed = 0
    failures = []
    for f in result_files(directory):
        try:
            p, n, names = read_any(f)
        except Exception as e:  # a corrupt result file is a failure, never a silent zero
            p, n, names = 0, 1, [f"{f.name}: unreadable result file ({e})"]
        passed += p
        failed += n
        failures += names
    if failures:
        print("Failed tests:")
        for name in failures[:MAX_LISTED]:
            print(f"  FAILED {name}")
        if len(failures) > MAX_LISTED:
            print(f"  ... and {len(failures) - MAX_LISTED} more")
    if failed > len(failures):
        print(f"({failed - len(failures)} failure(s) without a test name, see the log above)")
    if passed + failed == 0:
        print("No test ran.")
    print(f"{passed} passed, {failed} failed")
    if failed:
        return 1
    return 0 if passed else 2


def trx_failed(directory):
    total = 0
    for f in pathlib.Path(directory).rglob("*.trx"):
        try:
            total += read_trx(f)[1]
        except Exception:
            total += 1
    print(total)
    return 0


def suite_result(directory, label, exit_code):
    d = pathlib.Path(directory)
    exit_code = int(exit_code)
    status_file = d / f"{label}.status.results.json"
    status_file.unlink(missing_ok=True)
    reports = [f for f in (d / f"{label}.junit.xml", d / f"{label}.results.json") if f.exists()]
    passed = failed = 0
    for f in reports:
        try:
            p, n, _ = read_any(f)
        except Exception:
            p, n = 0, 1  # the summary reports the unreadable file itself
        passed += p
        failed += n
    problem = None
    if not reports:
        problem = f"exited {exit_code} without writing its results (JUNIT_XML or RESULTS_JSON)"
    elif exit_code != 0 and failed == 0:
        problem = f"exited {exit_code} although its results show no failure"
    elif passed == 0 and failed == 0:
        problem = "ran no test"
    if problem:
        status_file.write_text(json.dumps({"passed": 0, "failed": 1, "failures": [f"{label} {problem}"]}))
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "summary":
        sys.exit(summary(args[1]))
    if len(args) == 2 and args[0] == "trx-failed":
        sys.exit(trx_failed(args[1]))
    if len(args) == 4 and args[0] == "suite-result":
        sys.exit(suite_result(*args[1:]))
    print(__doc__, file=sys.stderr)
    sys.exit(64)
