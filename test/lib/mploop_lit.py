"""The lit test format of the mploop suite (imported by test/lit.cfg.py; it
lives in a module so that lit's worker processes can unpickle it)."""

import lit.formats


class MploopTest(lit.formats.ShTest):
    """Shell tests run by bash; a .c file without a RUN line is a helper
    source of another test (a unit-test program, say), not a test."""

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        for test in super().getTestsInDirectory(testSuite, path_in_suite, litConfig,
                                                localConfig):
            path = test.getSourcePath()
            if path.endswith('.c'):
                with open(path, encoding='utf-8', errors='replace') as f:
                    if 'RUN:' not in f.read():
                        continue
            yield test
