from django.http import QueryDict

from search.engine import SearchParams, parse_params


def query(**values) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in values.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def params(**values) -> SearchParams:
    return parse_params(query(**values), strict=False)
