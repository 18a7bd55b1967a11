"""Text analysis shared by every search backend: words in, normalised stems out, per language.

The same function analyses a practice's text when it is indexed and a person's query when it is run, on
SQLite, PostgreSQL and Elasticsearch alike, so the backends agree on what matches. For each word:

1. lower case, Unicode NFC, split into letters and digits (``Job-Coaching`` also gives ``jobcoaching``);
2. stop words of English and German are dropped (one list for both, so a German query on an English
   page drops the same words the index dropped);
3. the Snowball stemmer of the language (PyStemmer): ``refugees`` → ``refuge``, ``Qualifikationen`` →
   ``qualifikation``. The German stemmer folds umlauts and their transliterations alike (``Geflüchtete``
   and ``Gefluechtete`` → ``geflucht``);
4. folding: umlauts, ``ae``/``oe``/``ue`` and ``ß`` as the German stemmer does, other diacritics removed,
   so ``Muenchen``, ``Munchen`` and ``München`` meet in every language.

German compounds of the vocabulary are also indexed in parts (``Arbeitgeberansprache`` → also
``arbeitgeber`` and ``ansprache``) when their head is a word of the controlled vocabularies, and a query
compound matches either the compound or all of its parts.

A query word matches a stem of the English *or* the German stemmer (the practice's language decides how
its text was stemmed; the query's language is not known for sure: German words are typed on the English
site and the other way round).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

import Stemmer

LANGUAGES = ("en", "de")
STEMMERS = {"en": "english", "de": "german"}
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
PART = re.compile(r"[^\W_]+")
PHRASE = re.compile(r'"([^"]+)"')
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MAX_QUERY_CHARS = 2000
MIN_PART = 4  # a compound part is at least this long

STOP_WORDS = frozenset(
    """
    a about after again against all also am an and any are as at be because been before being between both but
    by can could did do does doing down during each few for from further had has have having he her here hers
    him his how i if in into is it its itself just me more most my no nor not of off on once only or other our
    ours out over own same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom why will with
    would you your yours practice practices aber alle allem allen aller alles als also am an ander andere
    anderem anderen anderer anderes auch auf aus bei bin bis bist da damit dann das dass dem den denn der des
    dessen dich die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines
    einig einige er es etwas euch euer eure für gegen hab habe haben hat hatte hatten hier hin hinter ich ihm
    ihn ihnen ihr ihre im in indem ins ist jede jedem jeden jeder jedes jene jetzt kann kein keine können man
    manche mein meine mich mir mit muss nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie
    sind so solche soll sondern sonst über um und uns unser unter vom von vor war waren was weil welche
    welchem welchen welcher wenn werden wie wieder will wir wird wo wollen zu zum zur zwischen wer wem wen
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_TRANSLITERATED = re.compile(r"(?<!q)(ae|oe|ue)")


def fold(word: str) -> str:
    """Lower case, German umlauts and their transliterations as plain vowels, other diacritics removed."""
    word = _TRANSLITERATED.sub(lambda found: found.group(1)[0], word.lower().translate(_UMLAUTS))
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMERS.get(language, "english"))


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The folded Snowball stem of one lower-case word."""
    return fold(_stemmer(language).stemWord(word))


def words(text: str) -> list[str]:
    """Words as written (lower case), hyphenated words kept whole."""
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS


@cache
def _compound_heads() -> frozenset[str]:
    """Folded words of the controlled vocabularies (every label and synonym), the known heads of compounds."""
    from practices.vocabularies import VOCABULARIES

    heads = {"job"}
    for terms in VOCABULARIES.values():
        for term in terms:
            for text in (term.en, term.de, *term.synonyms):
                heads.update(fold(part) for part in PART.findall(text.lower()) if len(part) >= MIN_PART)
    return frozenset(heads - {fold(word) for word in STOP_WORDS})


LINKS = ("", "s", "es", "n", "en")
SUFFIXES = ("isch", "lich", "ig", "ung", "heit", "keit", "schaft", "er", "en", "e", "s", "in")


def split_compound(word: str) -> list[str]:
    """Parts of a compound whose head is a vocabulary word: ``arbeitgeberansprache`` → arbeitgeber, ansprache.

    ``word`` is folded; hyphenated words are split by ``parts`` before this.
    """
    heads = _compound_heads()
    for end in range(len(word) - MIN_PART, 2, -1):
        head = word[:end]
        if head not in heads:
            continue
        for link in LINKS:
            tail = word[end + len(link) :] if word[end:].startswith(link) else None
            if not tail or len(tail) < MIN_PART:
                continue
            if tail in heads or (len(head) >= MIN_PART and not tail.startswith(SUFFIXES)):
                return [head, tail]
    return []


def parts(word: str) -> list[str]:
    """The pieces a written word is also indexed under: hyphen parts, or the parts of a vocabulary compound."""
    pieces = PART.findall(word)
    if len(pieces) > 1:
        return pieces
    return split_compound(fold(word)) if len(word) >= 2 * MIN_PART else []


def joined(word: str) -> str:
    """A hyphenated word without its hyphens (``job-coaching`` → ``jobcoaching``)."""
    return "".join(PART.findall(word))


def index_tokens(text: str, languages: tuple[str, ...]) -> list[str]:
    """Stems of ``text`` for the index, in order (each word under each stemmer of ``languages``).

    A hyphenated or compound word yields the whole word and then its parts, so both a phrase over the
    parts and the compound match.
    """
    tokens: list[str] = []
    for word in words(text):
        tokens.extend(_word_tokens(word, languages))
    return tokens


@lru_cache(maxsize=500_000)
def _word_tokens(word: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """One written word's index stems (a rebuild analyses the same words again and again: cached)."""
    whole = joined(word)
    if is_stop_word(whole) or len(whole) > MAX_TERM_LENGTH:
        return ()
    pieces = [whole] + [piece for piece in parts(word) if not is_stop_word(piece)]
    stems = (stem(piece, language) for piece in pieces for language in languages)
    return tuple(dict.fromkeys(token for token in stems if token))


def index_text(text: str, languages: tuple[str, ...]) -> str:
    return " ".join(index_tokens(text, languages))


def lexicon_words(text: str) -> list[str]:
    """Words of ``text`` as a person would type them (lower case, no stop words): the vocabulary of suggestions."""
    return [typed for typed in map(_lexicon_word, words(text)) if typed]


@lru_cache(maxsize=500_000)
def _lexicon_word(word: str) -> str:
    whole = joined(word)
    return whole if not is_stop_word(whole) and 2 < len(whole) <= 40 else ""


@dataclass(frozen=True)
class Term:
    """One query word: it matches any of ``stems``, or (a compound or hyphenated word) all of ``parts``."""

    word: str
    stems: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Phrase:
    """Quoted words in order: one stem sequence per language."""

    text: str
    sequences: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Query:
    """A query as every backend receives it: analysed words and phrases, never the person's syntax."""

    text: str
    terms: tuple[Term, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    language: str = "en"
    dropped: tuple[str, ...] = field(default=())  # stop words left out

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def clauses(self) -> tuple[Term | Phrase, ...]:
        return (*self.terms, *self.phrases)

    @property
    def words(self) -> list[str]:
        return [term.word for term in self.terms] + [w for phrase in self.phrases for w in words(phrase.text)]

    def all_stems(self) -> set[str]:
        found = set()
        for term in self.terms:
            found.update(term.stems)
            for part in term.parts:
                found.update(part)
        for phrase in self.phrases:
            for sequence in phrase.sequences:
                found.update(sequence)
        return found


def _stems(word: str, language: str) -> tuple[str, ...]:
    order = (language, *[other for other in LANGUAGES if other != language])
    return tuple(dict.fromkeys(stem(word, lang) for lang in order if stem(word, lang)))


def _term(word: str, language: str) -> Term | None:
    whole = joined(word)[:MAX_TERM_LENGTH]
    if not whole or is_stop_word(whole):
        return None
    pieces = [piece for piece in parts(word) if not is_stop_word(piece)]
    part_stems = tuple(_stems(piece, language) for piece in pieces) if len(pieces) > 1 else ()
    return Term(whole, _stems(whole, language), part_stems)


def analyse_query(text: str, language: str = "en") -> Query:
    """Words and quoted phrases of a query, at most ``MAX_TERMS`` clauses, stop words dropped.

    Quotes around two or more words make a phrase; any other character a person types is only a
    separator between words.
    """
    text = unicodedata.normalize("NFC", text[:MAX_QUERY_CHARS])
    phrases: list[Phrase] = []
    loose: list[str] = []
    for index, piece in enumerate(text.split('"')):
        quoted = index % 2 == 1 and index < len(text.split('"')) - 1
        kept = [joined(w)[:MAX_TERM_LENGTH] for w in words(piece) if not is_stop_word(joined(w))]
        if quoted and len(kept) > 1:
            order = (language, *[other for other in LANGUAGES if other != language])
            sequences = tuple(dict.fromkeys(tuple(stem(w, lang) for w in kept) for lang in order))
            if " ".join(kept) not in [phrase.text for phrase in phrases]:
                phrases.append(Phrase(" ".join(kept), sequences))
        else:
            loose.append(piece)
    terms: list[Term] = []
    dropped: list[str] = []
    for word in words(" ".join(loose)):
        term = _term(word, language)
        if term is None:
            dropped.append(word)
        elif term.word not in [known.word for known in terms]:
            terms.append(term)
    phrases = phrases[:MAX_TERMS]
    terms = terms[: MAX_TERMS - len(phrases)]
    return Query(text, tuple(terms), tuple(phrases), language, tuple(dropped))


def highlight_pattern_stems(query: Query) -> set[str]:
    """Every stem a passage word may have to count as a match of the query."""
    return query.all_stems()


@lru_cache(maxsize=100_000)
def word_stems(word: str) -> frozenset[str]:
    """Every stem a written word is indexed under (each language, compound and hyphen parts)."""
    whole = joined(word.lower())
    found = {stem(whole, lang) for lang in LANGUAGES}
    for piece in parts(word.lower()):
        found.update(stem(piece, lang) for lang in LANGUAGES)
    return frozenset(found)


def word_matches(word: str, stems: set[str], language: str = "en") -> bool:
    """Whether a written word of a passage is a match for one of the query's stems."""
    return not word_stems(word).isdisjoint(stems)
