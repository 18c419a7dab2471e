"""kg.errors: every exception newskg raises lives there, under KGError, with a one-line docstring."""
from __future__ import annotations

import inspect

import pytest

from kg import errors

DEFINED = [cls for _, cls in inspect.getmembers(errors, inspect.isclass) if cls.__module__ == errors.__name__]


@pytest.mark.parametrize("cls", DEFINED, ids=lambda c: c.__name__)
def test_every_error_is_a_kg_error_with_a_one_line_docstring(cls):
    assert issubclass(cls, errors.KGError)
    assert cls.__doc__ and "\n" not in cls.__doc__.strip()


@pytest.mark.parametrize("module, names", [("kg.store", ["StoreError", "EndpointGone"]), ("kg.viz", ["VizError"])])
def test_the_modules_that_raise_an_error_still_export_it(module, names):
    found = __import__(module, fromlist=names)
    for name in names:
        assert getattr(found, name) is getattr(errors, name)
        assert getattr(errors, name).__module__ == errors.__name__


def test_an_endpoint_that_is_gone_is_a_store_error():
    assert issubclass(errors.EndpointGone, errors.StoreError)
