"""The benchmark's queries: words practitioners type, one and two at a time (no Django needed to import)."""

ONE_WORD = ["refugees", "mentoring", "employers", "recognition", "nursing", "childcare", "logistics", "apprenticeship"]
TWO_WORDS = [
    "language courses",
    "women mentoring",
    "employers internship",
    "skills assessment",
    "young refugees",
    "vocational training",
    "recognition certificates",
    "business startup",
]
QUERIES = [query for pair in zip(ONE_WORD, TWO_WORDS, strict=True) for query in pair]
