#!/usr/bin/env python3
"""Test result bookkeeping for scripts/test.sh (standard library only).

  test_results.py summary DIR
      Adds up every *.trx under DIR (dotnet test) and every *.results.json under DIR (extra suites),
      prints the failing tests, then ONE last line "N passed, N failed".
      Exit status: 0 = all passed and at least one test ran, 1 = failures, 2 = no test ran.

  test_results.py trx-failed DIR
      Prints how many tests the *.trx files under DIR report as not passed.

  test_results.py suite-result FILE SUITE EXIT_CODE
      Called after an extra suite ran. Makes FILE tell the truth even when the suite crashed:
      no file / unreadable file -> {"passed":0,"failed":1,...}; a non-zero exit with failed == 0
      -> one failure is added. So a crashed suite can never look green.

results.json convention (written by each extra suite to the path in $RESULTS_JSON):
  {"passed": <int>, "failed": <int>, "failures": ["name of a failed check", ...]}   # failures optional
"""
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

# TRX outcomes that mean "did not pass" (Counters has separate attributes for them).
BAD_COUNTERS = ("failed", "error", "timeout", "aborted")
BAD_OUTCOMES = {"Failed", "Error", "Timeout", "Aborted"}
MAX_LISTED = 100


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def read_trx(path):
    passed = failed = 0
    names = []
    root = ET.parse(path).getroot()
    # testName is only the method (and arguments); the class lives in TestDefinitions.
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
                    msg = ""
                    for m in r.iter():
                        if _local(m.tag) == "Message" and (m.text or "").strip():
                            msg = m.text.strip().splitlines()[0][:200]
                            break
                    names.append(name + (f" — {msg}" if msg else ""))
    return passed, failed, names


def read_suite(path):
    data = json.loads(pathlib.Path(path).read_text())
    suite = path.name[: -len(".results.json")]
    names = [f"[{suite}] {n}" for n in data.get("failures", [])]
    return int(data.get("passed", 0)), int(data.get("failed", 0)), names


def summary(directory):
    d = pathlib.Path(directory)
    passed = failed = 0
    failures = []
    sources = sorted(d.rglob("*.trx")) + sorted(d.rglob("*.results.json"))
    for f in sources:
        try:
            p, n, names = read_trx(f) if f.suffix == ".trx" else read_suite(f)
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
        print(f"({failed - len(failures)} failure(s) without a test name, see the logs above)")
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


def suite_result(file, suite, exit_code):
    f = pathlib.Path(file)
    exit_code = int(exit_code)
    try:
        data = json.loads(f.read_text())
        data["passed"] = int(data.get("passed", 0))
        data["failed"] = int(data.get("failed", 0))
        data.setdefault("failures", [])
    except FileNotFoundError:
        data = {"passed": 0, "failed": 1, "failures": [f"{suite} exited {exit_code} without writing results.json"]}
    except (ValueError, TypeError, AttributeError) as e:
        data = {"passed": 0, "failed": 1, "failures": [f"{suite} wrote an unreadable results.json ({e})"]}
    if exit_code != 0 and data["failed"] == 0:
        data["failed"] = 1
        data["failures"].append(f"{suite} exited {exit_code}")
    if exit_code == 0 and data["passed"] == 0 and data["failed"] == 0:
        data["failed"] = 1
        data["failures"].append(f"{suite} ran no check")
    f.write_text(json.dumps(data))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "summary":
        sys.exit(summary(sys.argv[2]))
    if len(sys.argv) == 3 and sys.argv[1] == "trx-failed":
        sys.exit(trx_failed(sys.argv[2]))
    if len(sys.argv) == 5 and sys.argv[1] == "suite-result":
        sys.exit(suite_result(*sys.argv[2:]))
    print(__doc__, file=sys.stderr)
    sys.exit(64)
