"""The register's matching: folding, blocking keys and scores on concrete names, candidates from
the database, and a small run of the labelled benchmark (bench/matching.py) against its targets."""

from datetime import date

import pytest

from accounts.models import Agency
from bench.matching import PRECISION_TARGET, RECALL_TARGET, labelled_set, measure, register_write
from people import matching
from people.models import NameKey, Person
from tests.factories import ImmigrationOfficeFactory


def mention(full_name, born=None, nationality="CN", passport=""):
    return {"full_name": full_name, "date_of_birth": born, "nationality": nationality,
            "passport_number": passport}


def row(person_id, full_name, born=None, nationality="CN", passport=""):
    return {"id": person_id, **mention(full_name, born, nationality, passport)}


def test_fold_transliterates_and_drops_particles():
    assert matching.fold("Nguyễn Văn Đạt") == ["nguyen", "van", "dat"]
    assert matching.fold("Khalid al-Rashid") == ["khalid", "rashid"]
    assert matching.fold("Mohammed bin Salman") == ["muhammad", "salman"]


def test_fold_writes_arabic_compounds_one_way():
    spellings = ["Abdul Rahman", "Abdurrahman", "Abdelrahman", "Abd al-Rahman", "Abdulrahman"]
    assert {tuple(matching.fold(name)) for name in spellings} == {("abdrahman",)}


def test_name_keys_are_short_and_shared_by_spellings():
    keys = matching.name_keys("Muhammad Abdurrahman al-Qahtani " + "x" * 60)
    assert all(len(key) <= 40 for key in keys)
    assert matching.name_keys("Hsiao-ming Chang") & matching.name_keys("Zhang Xiaoming")
    assert matching.name_keys("Youssef Hussein") & matching.name_keys("Yusuf Husain")


@pytest.mark.parametrize(("written", "registered"), [
    ("Zhang Wei", "Wei Zhang"),  # family name first or last
    ("Chang Hsiao-ming", "Zhang Xiaoming"),  # Wade-Giles and pinyin
    ("Hsu Chih-wei", "Xu Zhiwei"),
    ("Chou Li-hua", "Zhou Lihua"),
    ("Wong Mei Ling", "Wang Meiling"),
    ("Mohamed Abdel Rahman el-Sayed", "Muhammad Abdulrahman al-Sayed"),
    ("Youssef Husain", "Yusuf Hussein"),
    ("Jonathon Thomspon", "Jonathan Thompson"),  # a spelling and a transposition
])
def test_same_person_written_another_way_scores_high(written, registered):
    born = date(1984, 3, 9)
    assert matching.name_score(written, registered) >= 0.8
    assert matching.score(mention(written, born), row(1, registered, born)).score >= 0.9


def test_missing_or_swapped_birth_date_still_finds_the_person():
    registered = row(1, "Zhang Xiaoming", date(1984, 3, 9))
    missing = matching.score(mention("Chang Hsiao-ming"), registered)
    swapped = matching.score(mention("Chang Hsiao-ming", date(1984, 9, 3)), registered)
    assert missing.score >= matching.DEFAULT_THRESHOLD
    assert swapped.score >= matching.DEFAULT_THRESHOLD
    assert "date_of_birth_near" in swapped.reasons


def test_other_person_with_the_same_family_name_scores_below_threshold():
    registered = row(1, "Wang Jianguo", date(1970, 5, 1))
    assert matching.score(mention("Wang Meiling", date(1988, 11, 20)),
                          registered).score < matching.DEFAULT_THRESHOLD
    assert matching.score(mention("Wang Meiling"), registered).score < matching.DEFAULT_THRESHOLD
    arab = row(2, "Ahmad Khalid al-Harbi", date(1975, 1, 2), "SA")
    assert matching.score(mention("Faisal Omar al-Harbi", date(1991, 7, 7), "SA"),
                          arab).score < matching.DEFAULT_THRESHOLD


def test_same_name_other_birth_date_is_not_offered():
    registered = row(1, "Rahul Sharma", date(1980, 1, 15), "IN")
    found = matching.score(mention("Rahul Sharma", date(1992, 6, 30), "IN"), registered)
    assert found.score < matching.DEFAULT_THRESHOLD


def test_passport_and_nationality_match_exactly():
    registered = row(7, "Kim Min-jun", date(1990, 2, 2), "KR", "M12345678")
    found = matching.score(mention("Minjun Kim", None, "KR", "M12345678"), registered)
    assert (found.exact, found.score, found.reasons) == (True, 1.0, ["passport"])
    other_country = matching.score(mention("Minjun Kim", None, "CN", "M12345678"), registered)
    assert not other_country.exact


def test_rank_orders_by_score_and_cuts_at_limit_and_threshold():
    born = date(1966, 4, 4)
    candidates = [row(1, "Li Wei", born), row(2, "Lee Wei", None), row(3, "Li Wen", None),
                  row(4, "Chen Jing", date(1950, 1, 1))]
    found = matching.rank(mention("Li Wei", born), candidates, limit=2)
    assert [match.person_id for match in found] == [1, 2]


@pytest.fixture
def office():
    return ImmigrationOfficeFactory()


def register(office, *people):
    for full_name, born, nationality, passport in people:
        person = Person.objects.create(office=office, full_name=full_name, date_of_birth=born,
                                       nationality=nationality, passport_number=passport)
        NameKey.objects.bulk_create(NameKey(person=person, key=key)
                                    for key in matching.name_keys(full_name))


@pytest.mark.django_db
def test_find_candidates_by_passport_and_by_variant_name(office):
    register(office,
             ("Mohammed Abdulrahman al-Harbi", date(1979, 8, 1), "SA", "K7654321"),
             ("Zhou Lihua", date(1991, 12, 5), "CN", "E99887766"),
             ("Zhou Jianguo", date(1960, 2, 2), "CN", ""),
             ("Lihua Chou", date(1991, 12, 5), "TW", "TW1234567"))
    people = Person.objects.filter(office=office)
    harbi, lihua = people.get(passport_number="K7654321"), people.get(passport_number="E99887766")

    by_passport = matching.find_candidates(mention("M. Harbi", None, "SA", "K7654321"), people)
    assert by_passport[0].person_id == harbi.pk
    assert by_passport[0].exact

    by_name = matching.find_candidates(mention("CHOU Li-hua", date(1991, 12, 5)), people)
    assert [match.person_id for match in by_name] == [lihua.pk]
    by_arabic = matching.find_candidates(
        mention("Muhammad Abd al-Rahman el-Harbi", None, "SA"), people)
    assert [match.person_id for match in by_arabic] == [harbi.pk]


@pytest.mark.django_db
def test_find_candidates_leaves_out_other_nationality_and_other_name(office):
    register(office, ("Nguyễn Văn Nam", date(1985, 5, 5), "VN", ""),
             ("Park Ji-hoon", date(1985, 5, 5), "KR", ""))
    people = Person.objects.filter(office=office)
    found = matching.find_candidates(mention("Nguyen Van Nam", date(1985, 5, 5), "VN"), people)
    assert [people.get(pk=match.person_id).nationality for match in found] == ["VN"]


@pytest.mark.django_db
def test_labelled_sample_meets_the_targets(office):
    """600 pairs of the benchmark's labelled set (another seed), through the database."""
    _, people, pairs = labelled_set(seed=7, true_count=400, false_count=200)
    register_write(people, Agency.objects.get(pk=office.pk))
    registered = Person.objects.filter(office=office, merged_into__isnull=True)
    results = [matching.find_candidates(pair.query, registered) for pair in pairs]
    quality = measure(pairs, results)
    assert quality.pairs == 600
    assert quality.precision >= PRECISION_TARGET, quality
    assert quality.recall >= RECALL_TARGET, quality
