"""A long-tail mix of search requests built from the seeded vocabulary, so that no cache can
answer them: one to four words in the four languages, with and without accents, some misspelt,
some with filters; every request distinct.

Runs inside Django (it reads the taxonomy's names in every language from the database).
"""

from __future__ import annotations

import random
import re
import unicodedata
from urllib.parse import urlencode

from website.scale.text import OBJECTS, PLACES, SUBJECTS

LANGUAGES = ("en", "es", "fr", "pt")
SHORT_WORDS = 3  # words this short or shorter ("de", "the", "les") are not picked alone


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def misspell(word: str, rng: random.Random) -> str:
    """One edit a hurried typist makes: a letter dropped, doubled or two letters swapped."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("drop", "double", "swap"))
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


# What people search for: mostly the words of the records themselves, then the vocabulary's
# names (themes, modalities, goals) and places.
KINDS = {"prose": 0.6, "vocabulary": 0.25, "places": 0.15}


def phrases() -> dict[str, dict[str, list[str]]]:
    """Phrases per kind and language: the prose banks of seed_scale, the vocabulary's names and
    the countries' names."""
    from solutions.countries import country_name
    from solutions.models import SDG, Country, Modality, Theme

    codes = list(Country.objects.values_list("code", flat=True))
    found = {}
    for language in LANGUAGES:
        found[language] = {
            "prose": OBJECTS[language] + PLACES[language] + SUBJECTS[language],
            "vocabulary": [item.names()[language] for model in (Theme, Modality, SDG) for item in model.objects.all()],
            "places": [country_name(code, language) for code in codes],
        }
    return found


def filters_pool() -> dict[str, list[str]]:
    from solutions.models import Country, Region, Theme

    return {
        "sdg": [str(n) for n in range(1, 18)],
        "theme": list(Theme.objects.values_list("slug", flat=True)),
        "country": list(Country.objects.values_list("code", flat=True)),
        "region": list(Region.objects.values_list("code", flat=True)),
        "type": ["solution", "news", "thread", "member", "request", "resource"],
        "language": list(LANGUAGES),
        "year": [str(year) for year in range(1995, 2023)],
    }


def one_query(rng: random.Random, banks: dict, pool: dict[str, list[str]]) -> dict[str, list[str]]:
    language = rng.choice(LANGUAGES)
    bank = banks[language][rng.choices(list(KINDS), weights=list(KINDS.values()))[0]]
    if rng.random() < 0.6:  # a run of words from one phrase
        words = re.findall(r"[\w'-]+", rng.choice(bank))
        size = rng.randint(1, min(4, len(words)))
        start = rng.randrange(0, len(words) - size + 1)
        words = words[start : start + size]
    else:  # words from different phrases, of any kind: the long tail
        every = [phrase for phrases in banks[language].values() for phrase in phrases]
        words = [rng.choice(re.findall(r"[\w'-]+", rng.choice(every))) for _ in range(rng.randint(1, 4))]
    words = [w for w in words if len(w) > SHORT_WORDS] or words
    if rng.random() < 0.25:
        words = [strip_accents(w) for w in words]
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = misspell(words[i], rng)
    text = " ".join(words)
    text = text.lower() if rng.random() < 0.7 else text
    params = {"q": [text]}
    if rng.random() < 0.35:
        for name in rng.sample(sorted(pool), rng.randint(1, 2)):
            params[name] = [rng.choice(pool[name])]
    return params


def query_mix(count: int, seed: int = 10) -> list[dict[str, list[str]]]:
    """``count`` distinct search requests (parameter name → values), in a random order."""
    rng = random.Random(seed)
    bank, pool = phrases(), filters_pool()
    seen: set[str] = set()
    mix = []
    while len(mix) < count:
        params = one_query(rng, bank, pool)
        key = urlencode(sorted((k, v) for k, values in params.items() for v in values))
        if key not in seen:
            seen.add(key)
            mix.append(params)
    rng.shuffle(mix)  # every slice of the mix alike: late draws avoid the repeats of early ones
    return mix


def as_query_string(params: dict[str, list[str]]) -> str:
    return urlencode([(name, value) for name, values in params.items() for value in values])
