"""Query parameter primitives shared by every public route (search page and API, cards, oEmbed).

Each primitive is a pydantic annotated type, so a route's parameters are one pydantic model, which
ninja also turns into the OpenAPI description. A model validates in one of two modes:

- strict (the default; the JSON API and the embeds): an invalid value raises a ``ValidationError``
  whose location is the parameter, answered with 400;
- lenient (``context={"lenient": True}``; the search page): an invalid value falls back to the
  default (numbers are clamped into range, NUL characters are dropped), never an error.

Input is what a query string gives: a list of strings per parameter (``query_data``). A parameter
that takes one value and is given several different ones is an error in strict mode and the last
one in lenient mode. Integers are ASCII digits only: ``str.isdigit`` accepts ``²`` and ``int``
accepts ``٣``; neither is a number in a URL. Every integer has an upper bound, so nothing past 64 bits
reaches the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

from django.http import QueryDict
from django.utils.translation import gettext as _
from pydantic import BaseModel, BeforeValidator, Field, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError

NUL = "\x00"
NO_NUL = r"^[^\x00]*$"
ASCII_DIGITS = re.compile(r"[0-9]+")
LARGEST_ID = 2**63 - 1  # the largest primary key a 64-bit column holds
MAX_TEXT_LENGTH = 10_000


class ParameterError(ValueError):
    """A request parameter a strict route answers with 400; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter, self.message = parameter, message


def _digits(raw: str) -> int | None:
    """ASCII digits as a number; anything past 20 digits as 10**20, larger than every bound (and never a
    4,300-digit ``int()``)."""
    if not ASCII_DIGITS.fullmatch(raw):
        return None
    digits = raw.lstrip("0") or "0"
    return int(digits) if len(digits) <= 20 else 10**20


def ascii_int(raw: str, low: int = 0, high: int = LARGEST_ID) -> int | None:
    """``raw`` as an integer from ``low`` to ``high`` if it is ASCII digits (surrounding spaces allowed), else None."""
    number = _digits(raw.strip())
    return number if number is not None and low <= number <= high else None


def is_lenient(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("lenient"))


def _invalid(info: ValidationInfo, message: str) -> PydanticCustomError:
    # Without a context pydantic keeps the message as it is (no placeholders are filled in).
    return PydanticCustomError("invalid_parameter", message)


def _one(value: Any, info: ValidationInfo) -> Any:
    """The one value of a parameter given as a list (a query string may repeat it)."""
    if not isinstance(value, list | tuple):
        return value
    given = [item for item in value if not (isinstance(item, str) and not item.strip())]
    if not given:
        return None
    distinct = {item.strip() if isinstance(item, str) else item for item in given}
    if len(distinct) > 1 and not is_lenient(info):
        raise _invalid(info, f"'{info.field_name}' was given more than once with different values.")
    return given[-1]


def _without_nul(text: str, info: ValidationInfo) -> str:
    if NUL in text:
        if not is_lenient(info):
            raise _invalid(info, f"'{info.field_name}' must not contain NUL characters.")
        text = text.replace(NUL, "")
    return text


def integer(low: int, high: int, default: int | None, description: str) -> Any:
    """A whole number from ``low`` to ``high`` (lenient: clamped into range, the default if not a number)."""

    def validate(value: Any, info: ValidationInfo) -> int | None:
        value = _one(value, info)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | str):
            number = None
        elif isinstance(value, int):
            number = value
        else:
            raw = _without_nul(value, info).strip()
            if not raw:
                return default
            number = _digits(raw)
        if number is not None and low <= number <= high:
            return number
        if is_lenient(info):
            return default if number is None else min(max(number, low), high)
        message = _("%(name)s must be a whole number from %(low)s to %(high)s.")
        raise _invalid(info, message % {"name": info.field_name, "low": low, "high": high})

    kind = int if default is not None else int | None
    # Field before the validator: the constraints then describe the number (OpenAPI minimum/maximum).
    return Annotated[kind, Field(default, ge=low, le=high, description=description), BeforeValidator(validate)]


def choice(choices: Sequence[str], default: str | None, description: str) -> Any:
    """One of ``choices`` (lenient: the default otherwise)."""
    allowed = tuple(choices)

    def validate(value: Any, info: ValidationInfo) -> str | None:
        value = _one(value, info)
        if isinstance(value, str):
            value = _without_nul(value, info).strip()
        if value is None or value == "":
            return default
        if value in allowed:
            return value
        if is_lenient(info):
            return default
        message = _("%(name)s must be one of: %(choices)s.")
        raise _invalid(info, message % {"name": info.field_name, "choices": ", ".join(allowed)})

    kind = Literal[allowed]  # an enum in the OpenAPI description
    if default is None:
        kind = kind | None
    return Annotated[kind, Field(default, description=description), BeforeValidator(validate)]


def text(description: str, max_length: int = MAX_TEXT_LENGTH, default: str = "") -> Any:
    """Free text without NUL characters (lenient: NULs dropped, cut at ``max_length``)."""

    def validate(value: Any, info: ValidationInfo) -> str:
        value = _one(value, info)
        if value is None:
            return default
        if not isinstance(value, str):
            if is_lenient(info):
                return default
            raise _invalid(info, f"'{info.field_name}' must be text.")
        value = _without_nul(value, info).strip()
        if len(value) > max_length:
            if not is_lenient(info):
                raise _invalid(info, f"'{info.field_name}' is longer than {max_length} characters.")
            value = value[:max_length].strip()
        return value

    return Annotated[
        str,
        Field(default, max_length=max_length, pattern=NO_NUL, description=description),
        BeforeValidator(validate),
    ]


def values(description: str) -> Any:
    """A repeatable parameter: its distinct non-empty values in the order given."""

    def validate(value: Any, info: ValidationInfo) -> list[str]:
        given = value if isinstance(value, list | tuple) else [value]
        kept = []
        for item in given:
            if not isinstance(item, str):
                if is_lenient(info):
                    continue
                raise _invalid(info, f"'{info.field_name}' must be text.")
            item = _without_nul(item, info).strip()
            if item:
                kept.append(item)
        return list(dict.fromkeys(kept))

    return Annotated[
        list[Annotated[str, Field(pattern=NO_NUL)]],
        Field(default_factory=list, description=description),
        BeforeValidator(validate),
    ]


def query_data(data: QueryDict, model: type[BaseModel]) -> dict[str, list[str]]:
    """The query string's values of the model's parameters, every one as a list."""
    return {name: data.getlist(name) for name in model.model_fields if name in data}


def read(model: type[BaseModel], data: QueryDict, *, strict: bool) -> Any:
    """Validate a query string with ``model``; strict mode raises ParameterError naming the first bad parameter."""
    try:
        return model.model_validate(query_data(data, model), context={"lenient": not strict})
    except ValidationError as error:
        parameter, message = first_error(error)
        raise ParameterError(parameter, message) from None


def first_error(error: ValidationError, skip: Callable[[str], bool] = lambda part: False) -> tuple[str, str]:
    """(parameter, message) of a validation error's first problem."""
    problem = error.errors()[0] if error.errors() else {}
    location = [str(part) for part in problem.get("loc", ()) if not isinstance(part, int) and not skip(str(part))]
    parameter = location[-1] if location else ""
    message = problem.get("msg", "invalid")
    if problem.get("type") != "invalid_parameter":
        message = f"Invalid value for '{parameter}': {message}."
    return parameter, message
