"""Text analysis: the same stems for a practice's text and a person's query, in English and German."""

from search.analysis import analyse_query, fold, index_tokens, parts, stem


def test_folding_meets_umlauts_transliterations_and_diacritics():
    assert fold("Geflüchtete") == fold("Gefluechtete") == "gefluchtete"
    assert fold("Straße") == "strasse"
    assert fold("Malmö") == fold("Malmo") and fold("Diplômes") == "diplomes"
    assert stem("geflüchtete", "de") == stem("gefluechtete", "de")


def test_word_forms_share_a_stem_in_their_language():
    assert stem("refugees", "en") == stem("refugee", "en")
    assert stem("employers", "en") == stem("employer", "en")
    assert stem("qualifikationen", "de") == stem("qualifikation", "de")
    assert stem("arbeitgebern", "de") == stem("arbeitgeber", "de")


def test_vocabulary_compounds_and_hyphenated_words_are_indexed_in_parts():
    assert parts("arbeitgeberansprache") == ["arbeitgeber", "ansprache"]
    assert parts("job-coaching") == ["job", "coaching"]
    assert parts("ausländischer") == []  # an adjective ending is not a compound part
    tokens = index_tokens("Job-Coaching und Arbeitgeberansprache", ("de",))
    assert {"jobcoaching", "job", "coaching", "arbeitgeb"} <= set(tokens)
    assert "und" not in tokens


def test_query_words_match_either_language_and_compounds_match_their_parts():
    query = analyse_query("Arbeitgeberansprache for refugees", "de")
    assert [term.word for term in query.terms] == ["arbeitgeberansprache", "refugees"]
    compound = query.terms[0]
    assert compound.parts == (("arbeitgeb",), ("ansprach",))
    assert stem("refugees", "en") in query.terms[1].stems  # English stem on the German interface
    assert query.dropped == ("for",)


def test_quotes_make_phrases_and_any_other_syntax_is_a_separator():
    query = analyse_query('"job coaching" AND NEAR(women*) -"unclosed', "en")
    assert [phrase.text for phrase in query.phrases] == ["job coaching"]
    assert [term.word for term in query.terms] == ["near", "women", "unclosed"]
    assert not analyse_query('"" * ( ) AND OR NOT', "en")
