"""Every Python example of the READMEs runs and its assertions hold (Spark's: test_spark)."""

import pytest

from conftest import REPO, readme_blocks


@pytest.mark.parametrize("readme", ["python/README.md", "README.md"])
def test_the_readme_examples_run(readme):
    blocks = readme_blocks(REPO / readme)
    assert blocks, f"no Python example in {readme}"
    namespace = {}
    for i, code in enumerate(blocks):
        # the examples of one README build on each other, as a reader runs them
        exec(compile(code, f"{readme} example {i + 1}", "exec"), namespace)
