"""The person resolver, checked against people.csv and real corpus spellings."""

import pandas as pd
import pytest

from august1956.paths import data_dir
from august1956.tables.people import (
    UnknownPersonError,
    build_index,
    find_mentions,
    mention_counts,
    read_people,
    resolve_person,
)
from august1956.text.corpus import load


@pytest.fixture(scope="module")
def people():
    return read_people()


@pytest.fixture(scope="module")
def corpus():
    return load()


def test_person_ids_are_unique_slugs(people):
    ids = people["person_id"]
    assert ids.is_unique, ids[ids.duplicated()].tolist()
    assert ids.str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()


def test_no_spelling_is_given_to_two_people(people):
    # build_index raises if two people share a spelling; the index covers every name.
    index = build_index(people)
    assert set(index.values()) == set(people["person_id"])


@pytest.mark.parametrize(
    ("spelling", "person_id"),
    [
        ("Pak Chang-ok", "bak-changok"),
        ("Pak Ch'ang-ok", "bak-changok"),
        ("Ch'oe Ch'ang-ik", "choe-changik"),
        ("Ri Sang-jo", "li-sangjo"),
        ("Yi Sang-jo", "li-sangjo"),
        ("Kim Tu-bong", "gim-dubong"),
        ("Pak Chong-ae", "bak-jeongae"),
        ("Ho Ka-i", "hegai"),
        ("Ivanov V.I.", "ivanov"),
        ("V. I. Ivanov", "ivanov"),
        ("Federenko", "fedorenko"),
        ("Voloshilov", "voroshilov"),
        ("Gim Chang-man", "gim-changman"),
        ("KIM IL SUNG", "kim-ilsung"),
        ("kim-ilsung", "kim-ilsung"),
    ],
)
def test_variants_resolve(spelling, person_id):
    assert resolve_person(spelling) == person_id


def test_the_corpus_two_spellings_of_gim_seunghwa_are_one_person():
    # Shimotomai's note 13 writes "Gim Sunghwa", the documents "Gim Seunghwa".
    assert resolve_person("Gim Sunghwa") == resolve_person("Gim Seunghwa") == "gim-seunghwa"


def test_unknown_name_raises_a_keyerror_with_a_suggestion():
    with pytest.raises(KeyError) as info:
        resolve_person("Bak Changock")
    assert isinstance(info.value, UnknownPersonError)
    assert "Bak Changok (bak-changok)" in str(info.value)


@pytest.mark.parametrize("bare", ["Kim", "Li", "Bak", "Choe", "Cde."])
def test_bare_surnames_are_refused(bare):
    with pytest.raises(UnknownPersonError, match="full name"):
        resolve_person(bare)


def test_kim_il_sung_in_a_real_line_is_one_mention_and_not_gim_il(corpus):
    sentence = "Today Kim Il Sung invited me and told me about the results of the KWP Plenum"
    paragraph = corpus.cite(sentence, "doc15")
    text = corpus.text("doc15")
    start = text.index(sentence)
    found = find_mentions(text[start : start + len(sentence)])
    assert paragraph.unit == "doc15"
    assert found == [("kim-ilsung", 6, 17)]


def test_gim_il_and_kim_il_sung_side_by_side_in_doc01(corpus):
    text = corpus.text("doc01")
    ids = [pid for pid, _, _ in find_mentions(text)]
    assert "gim-il" in ids
    assert ids.count("gim-il") == 1
    assert ids.count("kim-ilsung") > 5


def test_bare_surnames_in_running_text_are_not_resolved(corpus):
    # Doc 6 uses "Kim" and "Bak" alone many times; none of them may become a mention.
    text = corpus.text("doc06")
    for pid, start, end in find_mentions(text):
        assert text[start:end] not in {"Kim", "Bak"}, (pid, start)


def test_mentions_tolerate_line_breaks_and_initials():
    text = "Ambassador of the USSR in the DPRK, Cde. Ivanov V.I. met Kim Il\nSung and A I. Hegai."
    found = [(pid, text[s:e]) for pid, s, e in find_mentions(text)]
    assert found == [
        ("ivanov", "Ivanov V.I"),
        ("kim-ilsung", "Kim Il\nSung"),
        ("hegai", "A I. Hegai"),
    ]


def test_mention_counts_over_the_corpus_units(corpus):
    units = {u: corpus.text(u) for u in corpus.units}
    counts = mention_counts(units)
    assert list(counts.index) == list(corpus.units)
    assert counts.loc["doc16", "qiao-xiaoguang"] >= 3
    assert counts.loc["doc28", "chao-kaelyan"] >= 5
    assert counts.loc["doc13", "nam-il"] >= 5
    # Li Sangjo's interlocutors and letters mention him most in Docs 4, 10, 18, 21.
    assert counts["li-sangjo"].idxmax() in {"doc04", "doc10", "doc18", "doc21"}


def test_every_person_id_used_in_meetings_resolves(people):
    meetings = pd.read_csv(data_dir() / "meetings.csv", dtype=str, keep_default_na=False)
    for col in ("participants", "recorder", "initiated_by"):
        for cell in meetings[col]:
            for pid in filter(None, cell.split(";")):
                assert resolve_person(pid) == pid, (col, pid)


def test_a_name_cut_off_at_the_end_of_an_excerpt_is_no_mention(corpus):
    # An excerpt of Doc 28 breaks off after "a reception organized by Kim Il":
    # Gim Il or the start of Kim Il Sung, the text cannot say.
    text = corpus.text("doc28")
    cut = text.index("organized by Kim Il") + len("organized by Kim Il")
    assert text[cut : cut + 2] == "\n\n"
    found = find_mentions(text)
    assert "gim-il" not in [pid for pid, _, _ in found]
    assert all(start != cut - len("Kim Il") for _, start, _ in found)
    # the same name with its sentence's full stop is still Gim Il
    assert find_mentions("a reception organized by Kim Il.\n\nThe")[0][0] == "gim-il"
