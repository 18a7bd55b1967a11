"""The controlled vocabularies the knowledge base starts with.

Seeded into the taxonomy snippets by ``practices/migrations/0002_seed_vocabularies.py`` and used by the
importers to recognise terms in source texts. Editors extend the snippets in the admin; this module is
only the starting point. Each term: ``slug`` (stable across languages, used in URLs and the API),
English label, German label, and synonyms (English and German, lower case) that importers match.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    slug: str
    en: str
    de: str
    synonyms: tuple[str, ...] = ()
    category: str = ""


TARGET_GROUPS: tuple[Term, ...] = (
    # Legal status
    Term(
        "refugees",
        "Refugees and beneficiaries of protection",
        "Geflüchtete und Schutzberechtigte",
        (
            "refugee",
            "refugees",
            "beneficiaries of international protection",
            "geflüchtete",
            "flüchtlinge",
            "flüchtling",
            "schutzberechtigte",
        ),
        "legal_status",
    ),
    Term(
        "asylum-seekers",
        "Asylum seekers",
        "Asylsuchende",
        ("asylum seeker", "asylum seekers", "asylbewerber", "asylbewerberinnen", "asylsuchende"),
        "legal_status",
    ),
    Term(
        "tolerated-stay",
        "Persons with tolerated stay (Duldung)",
        "Personen mit Duldung",
        ("duldung", "tolerated stay", "tolerated persons", "geduldete"),
        "legal_status",
    ),
    Term(
        "temporary-protection",
        "Temporary-protection holders",
        "Personen mit vorübergehendem Schutz",
        ("temporary protection", "vorübergehender schutz"),
        "legal_status",
    ),
    Term(
        "third-country-labour-migrants",
        "Third-country labour migrants",
        "Arbeitsmigrantinnen und -migranten aus Drittstaaten",
        (
            "labour migrants",
            "labor migrants",
            "migrant workers",
            "third-country nationals",
            "drittstaatsangehörige",
            "arbeitsmigranten",
        ),
        "legal_status",
    ),
    Term(
        "eu-mobile-citizens",
        "EU mobile citizens",
        "Mobile EU-Bürgerinnen und -Bürger",
        ("eu citizens", "eu mobile workers", "eu-bürger", "eu-zuwanderer"),
        "legal_status",
    ),
    Term(
        "migration-background",
        "Naturalised citizens and people with a migration background",
        "Eingebürgerte und Menschen mit Migrationshintergrund",
        (
            "migration background",
            "migrant background",
            "immigrants",
            "migrants",
            "migrantinnen",
            "migranten",
            "menschen mit migrationshintergrund",
            "migrationshintergrund",
            "zugewanderte",
        ),
        "legal_status",
    ),
    Term(
        "recent-immigrants",
        "Recent immigrants",
        "Neuzugewanderte",
        ("recent immigrants", "newcomers", "new arrivals", "newly arrived", "neuzugewanderte", "neu zugewanderte"),
        "legal_status",
    ),
    # Characteristics
    Term("women", "Women", "Frauen", ("women", "female", "migrant women", "frauen", "migrantinnen"), "characteristic"),
    Term(
        "young-people",
        "Young people",
        "Junge Menschen",
        ("young people", "youth", "young migrants", "jugendliche", "junge erwachsene", "junge menschen"),
        "characteristic",
    ),
    Term(
        "parents-families",
        "Parents and families",
        "Eltern und Familien",
        ("parents", "families", "mothers", "eltern", "familien", "mütter"),
        "characteristic",
    ),
    Term(
        "foreign-qualifications",
        "People with qualifications from abroad",
        "Menschen mit ausländischen Qualifikationen",
        (
            "foreign qualifications",
            "qualifications from abroad",
            "skilled immigrants",
            "internationally trained",
            "ausländische berufsabschlüsse",
            "ausländischen qualifikationen",
            "im ausland erworbene",
        ),
        "characteristic",
    ),
    Term(
        "low-qualified",
        "Low-qualified people",
        "Geringqualifizierte",
        (
            "low-qualified",
            "low qualified",
            "low-skilled",
            "without formal qualifications",
            "geringqualifizierte",
            "geringqualifiziert",
        ),
        "characteristic",
    ),
    Term(
        "migrant-entrepreneurs",
        "Migrant entrepreneurs",
        "Migrantische Unternehmerinnen und Unternehmer",
        (
            "migrant entrepreneurs",
            "ethnic entrepreneurs",
            "business founders",
            "existenzgründer",
            "migrantische unternehmen",
        ),
        "characteristic",
    ),
    Term(
        "long-term-unemployed",
        "Long-term unemployed",
        "Langzeitarbeitslose",
        (
            "long-term unemployed",
            "long term unemployed",
            "unemployed",
            "langzeitarbeitslose",
            "arbeitslose",
            "arbeitsuchende",
        ),
        "characteristic",
    ),
    # Indirect target groups
    Term(
        "employers-smes",
        "Employers and SMEs",
        "Arbeitgeber und KMU",
        (
            "employers",
            "smes",
            "small and medium-sized enterprises",
            "companies",
            "arbeitgeber",
            "betriebe",
            "kmu",
            "unternehmen",
        ),
        "indirect",
    ),
    Term(
        "institution-staff",
        "Staff of institutions",
        "Fachkräfte in Institutionen",
        (
            "staff",
            "caseworkers",
            "advisors",
            "counsellors",
            "multipliers",
            "fachkräfte",
            "mitarbeitende",
            "beraterinnen",
            "multiplikatoren",
        ),
        "indirect",
    ),
)

THEMES: tuple[Term, ...] = (
    Term(
        "job-coaching-placement",
        "Job coaching and placement",
        "Jobcoaching und Vermittlung",
        (
            "job coaching",
            "placement",
            "job placement",
            "job search",
            "coaching",
            "vermittlung",
            "jobcoaching",
            "arbeitsvermittlung",
        ),
    ),
    Term(
        "training-qualification",
        "Training and qualification",
        "Aus- und Weiterbildung",
        (
            "training",
            "qualification",
            "vocational training",
            "further training",
            "apprenticeship",
            "qualifizierung",
            "weiterbildung",
            "ausbildung",
            "nachqualifizierung",
        ),
    ),
    Term(
        "language-for-work",
        "Language for work",
        "Berufsbezogene Sprachförderung",
        (
            "language course",
            "language training",
            "language for work",
            "german course",
            "job-related language",
            "sprachkurs",
            "sprachförderung",
            "deutschkurs",
            "berufsbezogenes deutsch",
        ),
    ),
    Term(
        "recognition-qualifications",
        "Recognition of foreign qualifications",
        "Anerkennung ausländischer Qualifikationen",
        (
            "recognition",
            "recognition of foreign qualifications",
            "credential recognition",
            "anerkennung",
            "anerkennungsberatung",
            "anerkennungsverfahren",
        ),
    ),
    Term(
        "skills-assessment",
        "Skills and competence assessment",
        "Kompetenzfeststellung",
        (
            "skills assessment",
            "competence assessment",
            "competence analysis",
            "skills audit",
            "profiling",
            "portfolio",
            "kompetenzfeststellung",
            "kompetenzanalyse",
            "kompetenzbilanz",
            "profiling",
        ),
    ),
    Term("mentoring", "Mentoring", "Mentoring", ("mentoring", "mentor", "mentors", "mentees", "patenschaft", "paten")),
    Term(
        "outreach-recruitment",
        "Outreach and recruitment of participants",
        "Aufsuchende Arbeit und Teilnehmendengewinnung",
        ("outreach", "recruitment of participants", "reaching out", "aufsuchende arbeit", "zugang zur zielgruppe"),
    ),
    Term(
        "employer-engagement",
        "Employer engagement",
        "Arbeitgeberansprache",
        (
            "employer engagement",
            "working with employers",
            "employer outreach",
            "company contacts",
            "internships",
            "arbeitgeberansprache",
            "betriebskontakte",
            "praktika",
        ),
    ),
    Term(
        "self-employment",
        "Self-employment and entrepreneurship",
        "Selbstständigkeit und Gründung",
        (
            "self-employment",
            "entrepreneurship",
            "business start-up",
            "start-up",
            "gründung",
            "existenzgründung",
            "selbstständigkeit",
        ),
    ),
    Term(
        "intercultural-opening",
        "Intercultural opening and training of staff",
        "Interkulturelle Öffnung und Schulung von Fachkräften",
        (
            "intercultural opening",
            "intercultural training",
            "intercultural competence",
            "staff training",
            "interkulturelle öffnung",
            "interkulturelle kompetenz",
            "interkulturelle schulung",
        ),
    ),
    Term(
        "anti-discrimination-diversity",
        "Anti-discrimination and diversity management",
        "Antidiskriminierung und Diversity Management",
        (
            "anti-discrimination",
            "discrimination",
            "diversity management",
            "diversity",
            "antidiskriminierung",
            "diskriminierung",
            "vielfalt",
        ),
    ),
    Term(
        "networking-institutions",
        "Networking of local institutions",
        "Vernetzung lokaler Institutionen",
        (
            "network",
            "networking",
            "cooperation of institutions",
            "local partnership",
            "round table",
            "vernetzung",
            "netzwerk",
            "kooperation",
        ),
    ),
    Term(
        "awareness-campaigns",
        "Awareness and image campaigns",
        "Sensibilisierungs- und Imagekampagnen",
        (
            "awareness",
            "campaign",
            "image campaign",
            "public relations",
            "sensibilisierung",
            "kampagne",
            "öffentlichkeitsarbeit",
        ),
    ),
    Term(
        "one-stop-advice",
        "One-stop advice",
        "Beratung aus einer Hand",
        (
            "one-stop",
            "one stop shop",
            "single point of contact",
            "counselling",
            "advice centre",
            "beratung aus einer hand",
            "anlaufstelle",
            "beratungsstelle",
        ),
    ),
)

ORGANISATION_TYPES: tuple[Term, ...] = (
    Term(
        "municipality",
        "Municipality",
        "Kommune",
        ("city", "municipality", "city council", "stadt", "kommune", "gemeinde"),
    ),
    Term(
        "regional-authority",
        "Regional authority",
        "Landesbehörde",
        ("regional authority", "land", "state ministry", "landesministerium", "bezirksregierung"),
    ),
    Term(
        "national-ministry",
        "National ministry",
        "Bundesministerium",
        ("ministry", "federal ministry", "bundesministerium"),
    ),
    Term(
        "public-employment-service",
        "Public employment service or job centre",
        "Arbeitsagentur oder Jobcenter",
        ("job centre", "jobcenter", "employment agency", "agentur für arbeit", "public employment service"),
    ),
    Term(
        "chamber", "Chamber", "Kammer", ("chamber of commerce", "chamber of crafts", "ihk", "handwerkskammer", "kammer")
    ),
    Term("employer", "Employer", "Arbeitgeber", ("employer", "company", "enterprise", "unternehmen", "betrieb")),
    Term(
        "employers-association",
        "Employers' association",
        "Arbeitgeberverband",
        ("employers' association", "business association", "arbeitgeberverband"),
    ),
    Term("trade-union", "Trade union", "Gewerkschaft", ("trade union", "union", "gewerkschaft")),
    Term(
        "education-provider",
        "Education or training provider",
        "Bildungsträger",
        ("training provider", "education provider", "bildungsträger", "bildungswerk", "volkshochschule"),
    ),
    Term(
        "university-research",
        "University or research",
        "Hochschule oder Forschung",
        ("university", "research institute", "hochschule", "universität", "institut"),
    ),
    Term(
        "welfare-ngo",
        "Welfare association or NGO",
        "Wohlfahrtsverband oder NGO",
        ("ngo", "welfare association", "charity", "e.v.", "verein", "wohlfahrtsverband", "diakonie", "caritas"),
    ),
    Term(
        "migrant-organisation",
        "Migrant organisation",
        "Migrantenorganisation",
        ("migrant organisation", "migrant association", "migrantenorganisation", "migrantenselbstorganisation"),
    ),
    Term("foundation", "Foundation", "Stiftung", ("foundation", "stiftung")),
    Term(
        "international-organisation",
        "International organisation",
        "Internationale Organisation",
        ("international organisation", "united nations", "ilo", "iom", "oecd"),
    ),
    Term(
        "eu-programme-fund",
        "EU programme or fund",
        "EU-Programm oder -Fonds",
        ("european social fund", "esf", "eu programme", "eu-programm"),
    ),
)

TRANSFER_AUDIENCES: tuple[Term, ...] = (
    Term(
        "employment-agencies-job-centres",
        "Employment agencies and job centres",
        "Arbeitsagenturen und Jobcenter",
        (
            "employment agencies",
            "job centres",
            "jobcenters",
            "job centers",
            "arbeitsagenturen",
            "agenturen für arbeit",
            "jobcenter",
        ),
    ),
    Term(
        "statutory-institutions",
        "Other statutory institutions",
        "Weitere Regelinstitutionen",
        (
            "statutory institutions",
            "public institutions",
            "public authorities",
            "regelinstitutionen",
            "behörden",
            "öffentliche einrichtungen",
        ),
    ),
    Term(
        "municipalities",
        "Municipalities",
        "Kommunen",
        ("municipalities", "cities", "local authorities", "kommunen", "städte"),
    ),
    Term(
        "education-providers",
        "Education and training providers",
        "Bildungsträger",
        ("education providers", "training providers", "schools", "bildungsträger", "bildungseinrichtungen"),
    ),
    Term(
        "employers-hr",
        "Employers and HR",
        "Arbeitgeber und Personalabteilungen",
        (
            "employers",
            "hr departments",
            "human resources",
            "companies",
            "arbeitgeber",
            "personalabteilungen",
            "betriebe",
        ),
    ),
    Term(
        "policy-makers",
        "Policy makers",
        "Politik",
        ("policy makers", "policymakers", "politicians", "politik", "entscheidungsträger"),
    ),
    Term(
        "ngos-counselling",
        "NGOs and counselling services",
        "NGOs und Beratungsstellen",
        (
            "ngos",
            "counselling services",
            "advice services",
            "welfare organisations",
            "beratungsstellen",
            "wohlfahrtsverbände",
            "migrationsberatung",
        ),
    ),
    Term(
        "funders-programme-managers",
        "Funders and programme managers",
        "Fördermittelgeber und Programmverantwortliche",
        ("funders", "programme managers", "donors", "fördermittelgeber", "programmverantwortliche"),
    ),
)

VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "target_groups": TARGET_GROUPS,
    "themes": THEMES,
    "organisation_types": ORGANISATION_TYPES,
    "transfer_audiences": TRANSFER_AUDIENCES,
}
