import argparse

import pytest

from casedesk.cli.dutch import install_dutch_argparse


def test_missing_argument_is_reported_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    install_dutch_argparse()
    parser = argparse.ArgumentParser(prog="casedesk")
    parser.add_argument("bestand")
    with pytest.raises(SystemExit) as stopped:
        parser.parse_args([])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "gebruik: casedesk" in err
    assert "casedesk: fout: dit ontbreekt nog: bestand" in err
