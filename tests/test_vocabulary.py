"""The chapters' shared vocabulary: one voice per document, one faction label."""

import pytest

from august1956 import load
from august1956.chapters import debate, language, vocabulary


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.mark.parametrize(
    ("doc_no", "speaker", "written_by"),
    [
        (13, "Nam Il", "Petrov"),  # a conversation: the interlocutor, as the recorder wrote
        (26, "Li Sangjo", "Li Sangjo"),  # a letter: its writer
        (
            21,
            "Li Sangjo",
            "CPSU CC Department for Relations with Foreign Communist Parties (inferred)",
        ),  # a report relaying Li Sangjo's letter
        (9, "Choe Changik and Gim Seunghwa", "V. I. Ivanov"),
        (25, vocabulary.SOVIET_TEXT, "CPSU CC"),  # a directive to Ivanov is Moscow's own text
        (30, vocabulary.SOVIET_TEXT, "CPSU CC (distributed at the instruction of D. T. Shepilov)"),
        (17, vocabulary.UNKNOWN_VOICE, vocabulary.UNNAMED),  # a headless fragment
    ],
)
def test_document_voice(corpus, doc_no, speaker, written_by):
    voice = vocabulary.document_voice(corpus.documents.loc[doc_no])
    assert voice == (speaker, written_by)


def test_chapters_7_and_8_give_every_document_the_same_voice(corpus):
    labels = debate.label_uses(corpus)
    terms = language.term_hits(corpus)
    by_label = labels.drop_duplicates("unit").set_index("unit")["voice"]
    by_term = terms.drop_duplicates("unit").set_index("unit")["speaker"]
    shared = by_label.index.intersection(by_term.index)
    assert len(shared) >= 5
    assert by_label[shared].to_dict() == by_term[shared].to_dict()


def test_both_chapters_count_the_same_faction_labels(corpus):
    labels = debate.label_uses(corpus)
    terms = language.term_hits(corpus, ["faction", "group_label"])
    assert len(labels) == len(terms)
    assert sorted(labels["unit"]) == sorted(terms["unit"])


@pytest.mark.parametrize(
    ("text", "is_label"),
    [
        ("acute dissatisfaction by officials", False),
        ("a group of Soviet specialists", False),
        ("partisans in a group in 1940", False),
        ("factionalism", True),
        ("the anti-party group", True),
        ('calling them the Yan\'an "group."', True),
        ("the consumer goods group", True),
    ],
)
def test_what_counts_as_a_faction_label(text, is_label):
    assert vocabulary.is_faction_label(text) is is_label
