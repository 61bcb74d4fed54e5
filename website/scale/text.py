"""Plausible cooperation prose in the four content languages, from small word banks.

Deterministic for a seed, fast (no Markdown, no external data), and varied enough that search
and facets have something to chew on: words repeat across records the way real ones do.
"""

from __future__ import annotations

import random

SUBJECTS = {
    "en": ["Farmers", "Health workers", "Teachers", "Municipal planners", "Women's cooperatives", "Fishers"],
    "es": ["Los agricultores", "El personal de salud", "Los docentes", "Los municipios", "Las cooperativas", "Los pescadores"],
    "fr": ["Les agriculteurs", "Les agents de santé", "Les enseignants", "Les communes", "Les coopératives", "Les pêcheurs"],
    "pt": ["Os agricultores", "Os agentes de saúde", "Os professores", "Os municípios", "As cooperativas", "Os pescadores"],
}  # fmt: skip
VERBS = {
    "en": ["adapted", "shared", "tested", "scaled up", "documented", "trained peers in"],
    "es": ["adaptaron", "compartieron", "probaron", "ampliaron", "documentaron", "capacitaron a pares en"],
    "fr": ["ont adapté", "ont partagé", "ont testé", "ont étendu", "ont documenté", "ont formé leurs pairs à"],
    "pt": ["adaptaram", "partilharam", "testaram", "ampliaram", "documentaram", "formaram pares em"],
}  # fmt: skip
OBJECTS = {
    "en": ["drought early warning", "school meals from local harvests", "mangrove restoration",
           "mobile cash transfers", "solar irrigation", "community health records", "census tablets",
           "water user associations", "drought insurance", "seed banks"],
    "es": ["alerta temprana de sequía", "alimentación escolar con cosechas locales", "restauración de manglares",
           "transferencias móviles", "riego solar", "registros de salud comunitarios", "tabletas censales",
           "juntas de agua", "seguros contra la sequía", "bancos de semillas"],
    "fr": ["l'alerte précoce à la sécheresse", "les cantines scolaires locales", "la restauration des mangroves",
           "les transferts monétaires mobiles", "l'irrigation solaire", "les dossiers de santé communautaires",
           "les tablettes de recensement", "les associations d'usagers de l'eau", "l'assurance sécheresse",
           "les banques de semences"],
    "pt": ["alerta precoce de seca", "merenda escolar com colheitas locais", "restauração de mangais",
           "transferências móveis", "irrigação solar", "registos de saúde comunitários", "tablets do censo",
           "associações de usuários de água", "seguro contra a seca", "bancos de sementes"],
}  # fmt: skip
PLACES = {
    "en": ["in three provinces", "across the border", "with neighbouring districts", "in coastal villages"],
    "es": ["en tres provincias", "a ambos lados de la frontera", "con distritos vecinos", "en aldeas costeras"],
    "fr": ["dans trois provinces", "des deux côtés de la frontière", "avec les districts voisins", "dans les villages côtiers"],
    "pt": ["em três províncias", "dos dois lados da fronteira", "com distritos vizinhos", "em aldeias costeiras"],
}  # fmt: skip
RESULTS = {
    "en": ["and losses fell by a third.", "and the ministry adopted the method.", "though funding ran out early.",
           "and peers asked for a second visit."],
    "es": ["y las pérdidas bajaron un tercio.", "y el ministerio adoptó el método.", "aunque la financiación se acabó pronto.",
           "y los pares pidieron una segunda visita."],
    "fr": ["et les pertes ont baissé d'un tiers.", "et le ministère a adopté la méthode.",
           "même si le financement s'est tari tôt.", "et les pairs ont demandé une seconde visite."],
    "pt": ["e as perdas caíram um terço.", "e o ministério adotou o método.", "embora o financiamento tenha acabado cedo.",
           "e os pares pediram uma segunda visita."],
}  # fmt: skip
FIRST_NAMES = ["Ana", "Kwame", "Lucía", "Amina", "João", "Mei", "Ravi", "Fatou", "Diego", "Nadia", "Tupac", "Leila"]
LAST_NAMES = ["Pereira", "Mensah", "Quispe", "Diallo", "Santos", "Okafor", "Nguyen", "Haddad", "Rojas", "Banda"]
ORGANISATIONS = ["Ministry of Agriculture", "National Statistics Office", "Red de Municipios", "Agence de l'Eau",
                 "Instituto de Saúde", "Coastal Alliance", "Farmers' Union", "University Extension Service"]  # fmt: skip
ROLES = ["Programme officer", "Extension agent", "Researcher", "Coordinator", "Field engineer", "Policy adviser"]
LANGUAGES = ("en", "es", "fr", "pt")


class Prose:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def language(self) -> str:
        # English dominates a real catalogue; the other three are well represented.
        return self.rng.choices(LANGUAGES, weights=(55, 20, 15, 10))[0]

    def sentence(self, language: str) -> str:
        pick = self.rng.choice
        return (
            f"{pick(SUBJECTS[language])} {pick(VERBS[language])} {pick(OBJECTS[language])} "
            f"{pick(PLACES[language])} {pick(RESULTS[language])}"
        )

    def paragraph(self, language: str, sentences: int = 3) -> str:
        return " ".join(self.sentence(language) for _ in range(sentences))

    def text(self, language: str, paragraphs: int = 2) -> str:
        return "\n\n".join(self.paragraph(language, self.rng.randint(2, 4)) for _ in range(paragraphs))

    def title(self, language: str) -> str:
        subject = self.rng.choice(OBJECTS[language])
        return f"{subject[0].upper()}{subject[1:]} {self.rng.choice(PLACES[language])}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
