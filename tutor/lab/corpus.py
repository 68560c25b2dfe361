"""The lab's synthetic "text": word lists, and the two tasks built on them (pure, no numpy).

Nothing here is real text. Documents are bags of real English words drawn at random from word
lists, so the tasks behave like text classification (many rare words, synonyms that only a
model trained on lots of data knows belong together) while staying small enough to train in
a fraction of a second:

- Source task (pre-training, plenty of labels): 4,000 "news articles" of 20-40 words, each
  about one of 8 topics; half their words come from the topic's list of 40 words, a tenth from
  another topic, the rest are common words. The network learns to classify the 8 topics.
- Target task (fine-tuning, few labels): short "reader messages" of 5-10 words, to route to
  the sports desk or the business desk (topics sports and finance). They also hold a few
  reader-service words the news never used (tickets, refund...), and 5 % of their labels are
  wrong, as in real annotations. 400 more messages form the validation set.

What the pre-trained network knows and a network trained from scratch on 16 messages does not:
which of the 80 sports and finance words (most of them never seen among 16 short messages)
point to which desk.
"""

from __future__ import annotations

from collections import Counter

TOPICS: tuple[str, ...] = ("sports", "politics", "science", "cooking", "music", "travel", "finance", "health")

TOPIC_NAMES: dict[str, dict[str, str]] = {
    "sports": {"fr": "sport", "en": "sports"},
    "politics": {"fr": "politique", "en": "politics"},
    "science": {"fr": "science", "en": "science"},
    "cooking": {"fr": "cuisine", "en": "cooking"},
    "music": {"fr": "musique", "en": "music"},
    "travel": {"fr": "voyage", "en": "travel"},
    "finance": {"fr": "finance", "en": "finance"},
    "health": {"fr": "santé", "en": "health"},
}

# Most frequent first (word frequencies inside a topic decrease with the rank).
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "sports": tuple(
        "match team goal coach league season player score stadium referee champion tournament striker "
        "defeat victory fans racket sprint marathon cycling tennis football rugby hockey basketball "
        "goalkeeper penalty medal olympic athlete workout halftime derby dribble tackle podium relay "
        "swimmer boxing umpire".split()
    ),
    "politics": tuple(
        "election vote minister parliament party senate campaign policy law government reform debate "
        "mayor ballot coalition treaty president congress opposition diplomat embassy referendum "
        "candidate lawmaker governor cabinet constitution democracy legislation veto protest sanctions "
        "summit alliance republic chancellor senator polling manifesto decree".split()
    ),
    "science": tuple(
        "research experiment physics cell theory laboratory study molecule scientist telescope gene "
        "climate particle hypothesis chemistry biology atom quantum galaxy fossil microscope neuron "
        "protein orbit planet evolution bacteria enzyme asteroid geology specimen equation isotope "
        "physicist astronomer genome ecosystem laser satellite observatory".split()
    ),
    "cooking": tuple(
        "recipe oven flour sauce garlic butter bake chef dish onion pasta salt spice dessert roast "
        "kitchen simmer whisk dough pepper tomato cheese soup grill saucepan vinegar cinnamon lemon "
        "omelette broth yeast pastry basil stew skillet marinade caramel noodles ginger crust".split()
    ),
    "music": tuple(
        "album song concert band guitar singer melody lyrics drummer chorus piano festival rhythm "
        "orchestra violin jazz symphony tune bass saxophone choir opera ballad composer chord playlist "
        "vinyl remix rapper tempo harmony trumpet quartet encore soprano cello drums acoustic karaoke "
        "conductor".split()
    ),
    "travel": tuple(
        "flight hotel beach trip passport island luggage tourist museum journey airport cruise mountain "
        "resort visa hiking suitcase backpack hostel sightseeing itinerary departure boarding ferry "
        "voyage souvenir campsite guidebook coastline safari lagoon vacation excursion jetlag airline "
        "postcard landmark railway village glacier".split()
    ),
    "finance": tuple(
        "market stock bank profit shares investor inflation interest loan budget revenue trading "
        "dividend currency debt earnings bond mortgage portfolio hedge fund recession tax audit nasdaq "
        "equity credit bankruptcy merger valuation shareholder broker deficit asset yield pension "
        "liquidity capital exchange accountant".split()
    ),
    "health": tuple(
        "doctor patient hospital vaccine disease symptoms therapy nurse diet medicine clinic virus "
        "treatment surgery sleep fitness infection diagnosis allergy cancer diabetes prescription "
        "pharmacy vitamin injury cardiology pediatric epidemic antibiotic immune fever insomnia "
        "nutrition wellness surgeon dentist pulse cholesterol rehab asthma".split()
    ),
}

COMMON_WORDS: tuple[str, ...] = tuple(
    "the a of to and in is it that for on was with as this be at by from new after about said more "
    "year people one time first would also can like just over last week today very still".split()
)

# Words only the target task uses (the pre-training never saw them): 5 per desk.
SERVICE_WORDS: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("tickets", "jersey", "lineup", "highlights", "fixtures"),
    ("invoice", "refund", "payslip", "wallet", "savings"),
)

VOCABULARY: tuple[str, ...] = (
    COMMON_WORDS + tuple(w for topic in TOPICS for w in TOPIC_WORDS[topic]) + SERVICE_WORDS[0] + SERVICE_WORDS[1]
)
WORDS_PER_TOPIC = 40
VOCAB_SIZE = len(VOCABULARY)

# Target task: class 0 = sports desk (topic "sports"), class 1 = business desk (topic "finance").
TARGET_TOPICS: tuple[str, str] = ("sports", "finance")
TARGET_CLASSES: dict[str, tuple[str, str]] = {
    "fr": ("rubrique sport", "rubrique économie"),
    "en": ("sports desk", "business desk"),
}


# Sizes and mixtures of the two corpora (part of the pre-training cache key).
SOURCE_DOCS = 4000
SOURCE_TEST_DOCS = 1000
SOURCE_LENGTH = (20, 40)
SOURCE_MIX = (0.5, 0.1, 0.0)  # share of words: own topic, another topic, service words (rest: common)
TARGET_LENGTH = (5, 10)
TARGET_MIX = (0.4, 0.15, 0.05)
TARGET_LABEL_NOISE = 0.05
TARGET_VALIDATION_DOCS = 400
TOPIC_ZIPF = 0.5
COMMON_ZIPF = 1.0

DATA_DESCRIPTION: dict[str, str] = {
    "fr": (
        "Données synthétiques : des sacs de mots tirés au hasard dans des listes de vrais mots. "
        "Tâche source (pré-entraînement) : 4 000 articles, 8 thèmes. Tâche cible : de courts messages "
        "de lecteurs à envoyer à la rubrique sport ou économie, avec peu d'exemples étiquetés "
        "(5 % d'étiquettes fausses) ; validation sur 400 autres messages."
    ),
    "en": (
        "Synthetic data: bags of words drawn at random from lists of real words. "
        "Source task (pre-training): 4,000 articles, 8 topics. Target task: short reader messages to "
        "route to the sports or the business desk, with few labelled examples (5 % wrong labels); "
        "validation on 400 other messages."
    ),
}


def check_vocabulary() -> list[str]:
    """Problems with the word lists (duplicates, wrong sizes); empty when they are sound."""
    problems = []
    if len(set(VOCABULARY)) != len(VOCABULARY):
        duplicates = sorted(word for word, count in Counter(VOCABULARY).items() if count > 1)
        problems.append("duplicate words: " + ", ".join(duplicates))
    for topic, words in TOPIC_WORDS.items():
        if len(words) != WORDS_PER_TOPIC:
            problems.append(f"{topic}: {len(words)} words, expected {WORDS_PER_TOPIC}")
    return problems
