"""Value normalisers with plain strings: quantities, dates, names, confirmation status."""

from __future__ import annotations

import math
from datetime import date

import pytest

from qa.values import (
    CONFIRMED,
    DENIED,
    REPORTED,
    UNCONFIRMED,
    DateValue,
    Status,
    find_dates,
    find_quantities,
    find_statuses,
    find_year_ranges,
    infer_year,
    parse_published,
    parse_quantity,
    resolve_date,
    same_entity,
)


# ------------------------------------------------------------------------------------------ quantities

def test_hyphenated_duration_is_a_point_in_years():
    q = parse_quantity("ending his 24-year rule")
    assert (q.low, q.high, q.unit, q.label) == (24, 24, "years", "24 years")


def test_over_is_an_open_interval_that_agrees_with_a_larger_point():
    over = parse_quantity("Assad’s over 20-year rule")
    assert (over.low, over.high, over.unit) == (20, math.inf, "years")
    assert over.label == "over 20 years"
    assert over.compatible(parse_quantity("his 24-year rule"))
    assert not over.compatible(parse_quantity("his 12-year rule"))


def test_two_estimates_agree_when_one_figure_lies_within_the_others_reach():
    assert parse_quantity("about 3,000 barrels").compatible(parse_quantity("some 3,200 barrels"))
    assert parse_quantity("about 3,000 barrels").compatible(parse_quantity("3,250 barrels"))
    assert not parse_quantity("an estimated 2,800 barrels").compatible(parse_quantity("some 3,400 barrels")), \
        "their intervals meet only at the edges: two estimates a fifth apart"
    assert parse_quantity("dozens of people").compatible(parse_quantity("about 60 people")), "a word, by its range"


def test_nearly_six_decades_is_just_under_sixty_years():
    q = parse_quantity("nearly six decades of rule")
    assert q.unit == "years" and q.low == pytest.approx(54) and q.high == pytest.approx(60)
    assert not q.compatible(parse_quantity("24-year rule"))


def test_days_and_weeks_share_a_unit_apart_from_years():
    days = parse_quantity("after 12 days of heavy fighting")
    assert (days.value, days.unit) == (12, "days")
    assert parse_quantity("two weeks").value == 14
    nights = parse_quantity("no more than 90 nights a year")
    assert (nights.value, nights.unit) == (90, "days"), "a stay's nights are days"
    assert not days.compatible(parse_quantity("his 12-year rule"))


def test_money_keeps_scale_and_rounding():
    ten = parse_quantity("$10.4 billion in revenue")
    assert (ten.unit, ten.label) == ("USD", "$10.4 billion")
    assert not ten.compatible(parse_quantity("$1.39 billion"))
    assert parse_quantity("$1.65 billion").compatible(parse_quantity("$1.7 billion"))  # stated to one decimal


def test_money_written_with_m_or_k_after_a_currency_keeps_its_scale_and_a_length_is_no_money():
    found = find_quantities("The club paid nearly £40m for him, €5k in fees, and laid 400m of track.")
    assert [(q.text, q.quantity.unit, q.quantity.value) for q in found] == [
        ("nearly £40m", "GBP", 40e6), ("€5k", "EUR", 5e3)]


def test_money_written_as_an_adjective_with_a_hyphen_is_money_but_pounds_may_weigh():
    found = find_quantities("It offered a 5,000-euro reward, signed a 2-million-dollar deal and caught a 300-pound fish.")
    assert [(q.text, q.quantity.unit, q.quantity.value) for q in found] == [
        ("5,000-euro", "EUR", 5e3), ("2-million-dollar", "USD", 2e6), ("300", "", 300.0)]


def test_years_names_codes_and_relative_offsets_are_not_quantities():
    text = "Splatoon 2 is a 2017 game; GPT-3 shipped at 9:30 in Q1 2021, 15 years ago, the No. 1 pick"
    assert [(q.text, q.quantity.unit) for q in find_quantities(text)] == [("9:30", "clock")], "a time of day only"


def test_a_time_of_day_is_minutes_after_midnight():
    found = find_quantities("The ferry hit the quay at about 7:40 a.m., 07:40 local time; the alarm sounded at 3.17pm "
                            "and at 3 p.m.; she went through halfway in 64:20.")
    assert [(q.text, q.quantity.value) for q in found] == [("7:40 a.m.", 460), ("07:40", 460), ("3.17pm", 917),
                                                           ("3 p.m.", 900)]
    assert found[0].quantity.compatible(found[1].quantity) and found[0].quantity.label == "07:40"


def test_percent_and_counts():
    assert parse_quantity("an 81 percent increase").label == "81%"
    assert parse_quantity("39 medals").unit == ""


def test_an_amount_in_words_alone_is_a_range_up_to_the_next_power_of_ten():
    thousands = parse_quantity("Thousands of residents took to the streets.")
    assert (thousands.low, thousands.high, thousands.label, thousands.is_exact) == (2000, 10000, "thousands", False)
    assert thousands.compatible(parse_quantity("3,000 residents"))
    assert not thousands.compatible(parse_quantity("Hundreds of residents"))
    assert parse_quantity("tens of thousands fled").low == 20000
    assert [q.text for q in find_quantities("Dozens were hurt and hundreds of thousands fled.")] == [
        "Dozens", "hundreds of thousands"]
    assert find_quantities("The fund raised millions of dollars.") == [], "money in words names no count"


# ------------------------------------------------------------------------------------------ dates

def test_absolute_dates_in_their_usual_spellings():
    found = find_dates("Dec. 8, 2024, 2024-12-08 and 8 December 2024 and in June 2020")
    assert [(d.year, d.month, d.day) for d in found] == [(2024, 12, 8), (2024, 12, 8), (2024, 12, 8),
                                                          (2020, 6, None)]


def test_by_a_date_is_an_upper_bound():
    (by,) = find_dates("By Sunday, December 1, Damascus had fallen")
    value = resolve_date(by, None)
    assert by.weekday == 6 and value.bound == "by" and value.label == "by December 1"
    assert value.compatible(DateValue(None, 11, 27))
    assert not value.compatible(DateValue(None, 12, 8))


def test_a_weekday_resolves_to_the_last_such_day_before_publication():
    (sunday,) = find_dates("seizing the capital, Damascus, on Sunday")
    assert sunday.is_relative
    assert resolve_date(sunday, "2024-12-09").label == "2024-12-08"


def test_a_weekday_in_an_article_without_a_year_needs_a_year_hint():
    (sunday,) = find_dates("on Sunday evening")
    assert resolve_date(sunday, "--12-09") is None
    assert resolve_date(sunday, "--12-09", year_hint=2024).label == "2024-12-08"
    assert resolve_date(sunday, None, year_hint=2024) is None


def test_a_yearless_date_in_an_article_without_a_year_takes_the_year_hint():
    (day,) = find_dates("The offensive began on November 27.")
    assert resolve_date(day, None).label == "November 27"
    assert resolve_date(day, None, year_hint=2024).label == "2024-11-27"
    assert not resolve_date(day, None, year_hint=2024).compatible(DateValue(2011, None, None)), \
        "this year's day is no part of an earlier year"
    assert resolve_date(day, "--01-05", year_hint=2025).label == "2024-11-27"   # before the new year published in
    assert resolve_date(day, "2024-06-30", year_hint=2019).label == "2024-11-27"  # the publication year wins


def test_the_year_comes_from_weekday_date_pairs_and_not_from_the_future():
    assert infer_year([(6, 12, 1)], date(2025, 6, 1)) == 2024      # Sunday, December 1
    assert infer_year([(6, 12, 1)], date(2024, 11, 1)) == 2019     # 2024's has not happened yet
    assert infer_year([], date(2025, 6, 1)) is None


def test_a_yearless_date_takes_the_publication_year_or_stays_yearless():
    (dec8,) = find_dates("Assad fled Syria on December 8")
    assert resolve_date(dec8, "2024-12-09").label == "2024-12-08"
    assert resolve_date(dec8, None).label == "December 8"
    assert resolve_date(dec8, None).compatible(DateValue(2024, 12, 8))


def test_datelines_timestamps_and_range_bounds_are_marked():
    assert find_dates("Moscow, Russia – December 9: In a dramatic turn")[0].dateline
    assert find_dates("Feb 7, 2021 ... Super Bowl")[0].dateline
    assert find_dates("Updated October 5, 2021 9:30 PM ET")[0].dateline
    assert find_dates("Date, 2–15 July.")[0].range_bound
    assert not find_dates("Assad fled Syria on December 8, seeking refuge")[0].dateline
    assert find_dates("Published April 9, 2005")[0].dateline
    assert not find_dates("The game was published in Japan by its maker on April 29, 2015.")[0].dateline
    assert not find_dates("The report had been updated on 3 May 2019 with new figures.")[0].dateline


def test_a_date_on_each_side_of_a_dash_is_two_dates():
    born, died = find_dates("Rita Vale (18 December 1888 – 25 December 1923) was a printer.")
    assert (born.day, born.month, born.year, born.states_a_date) == (18, 12, 1888, True)
    assert (died.day, died.month, died.year, died.states_a_date) == (25, 12, 1923, True)
    assert [d.text for d in find_dates("It ran from 15 July–2 August.")] == ["15 July", "2 August"]  # no full stop
    assert find_dates("The fair ran 2–15 July 2021.")[0].range_bound       # a range of bare days: no one date


def test_a_range_of_years_runs_from_its_first_year_through_its_last():
    found = find_year_ranges("Built 1850–1851, rebuilt 1926-27, used 1790 to 1794.")
    assert [(r.text, r.first, r.last) for r in found] \
        == [("1850–1851", 1850, 1851), ("1926-27", 1926, 1927), ("1790 to 1794", 1790, 1794)]
    assert find_year_ranges("On 2019-12-05, and in 2010-2009, and 1990 to 91.") == []  # a date, no range, a count
    built = find_year_ranges("built 1850-1851")[0].value
    assert built.compatible(DateValue(1851, 6, 1)) and not built.compatible(DateValue(1881, None, None, through=1882))


def test_dates_before_1800_keep_their_year():
    (founded,) = find_dates("The bridge opened on January 1, 1700, after a long winter.")
    assert (founded.month, founded.day, founded.year) == (1, 1, 1700)


def test_may_the_verb_is_not_a_month():
    assert find_dates("Russia may aim to maintain influence") == []


def test_published_dates_with_and_without_year():
    assert parse_published("2024-12-09") == (2024, 12, 9)
    assert parse_published("--12-09") == (None, 12, 9)
    assert parse_published(None) == (None, None, None)


# ------------------------------------------------------------------------------------------ names

@pytest.mark.parametrize("a, b", [("Jolani", "Abu Mohammed al-Jolani"), ("al Jolani", "al-Jolani"),
                                  ("U.S.", "United States"), ("Tadej Pogačar", "Tadej Pogacar"),
                                  ("Christoph Gans", "Christophe Gans"), ("Tampa, Florida", "Tampa Bay, Florida")])
def test_same_entity_spelled_differently(a, b):
    assert same_entity(a, b)


@pytest.mark.parametrize("a, b", [("Tampa, Florida", "Glendale, Arizona"), ("Toy Story 2", "Toy Story 4"),
                                  ("Joe Biden", "Joe Burrow"), ("TASS", "Interfax")])
def test_different_entities(a, b):
    assert not same_entity(a, b)


# ------------------------------------------------------------------------------------------ status

def test_no_official_confirmation_is_unconfirmed():
    (s,) = find_statuses("At the time of reporting, no official confirmation of Assad’s asylum had been made "
                         "by the Russian government.")
    assert s.status.status == UNCONFIRMED and s.status.label == "no official confirmation"


@pytest.mark.parametrize("sentence", [
    "The Kremlin source confirmed that Assad and his family arrived safely in Moscow.",
    "Sources within the Kremlin confirmed that Moscow extended asylum to Assad and his family.",
])
def test_anonymous_sources_confirming(sentence):
    (s,) = find_statuses(sentence)
    assert s.status.status == CONFIRMED and s.status.label == "confirmed by a Kremlin source"


def test_negated_and_hedged_cues():
    assert find_statuses("The Kremlin has not confirmed the report.")[0].status.status == UNCONFIRMED
    assert find_statuses("He didn't confirm it.")[0].status.status == UNCONFIRMED
    assert find_statuses("Peskov denied the report.")[0].status.status == DENIED
    assert find_statuses("Russia denied him asylum.") == []  # refusing asylum is not denying a report
    assert find_statuses("The asylum reportedly underscores support")[0].status.status == REPORTED


@pytest.mark.parametrize("sentence, status", [
    ("The league said the result had been ratified on Monday.", CONFIRMED),
    ("The treaty was formally ratified by parliament.", CONFIRMED),
    ("The new mark has not yet been ratified by the federation.", UNCONFIRMED),
    ("The figure is still to be verified.", UNCONFIRMED),
    ("The record stands pending ratification.", UNCONFIRMED),
    ("Officials have yet to certify the count.", UNCONFIRMED),
])
def test_ratifying_verifying_and_certifying_are_confirming(sentence, status):
    assert [s.status.status for s in find_statuses(sentence)] == [status]


def test_a_certified_thing_confirms_nothing():
    assert find_statuses("Officials checked the pool's certified measurements.") == []


def test_a_temperature_after_minus_is_below_zero():
    (cold,) = find_quantities("Overnight it fell to minus six degrees Celsius.")
    assert (cold.text, cold.quantity.value) == ("minus six degrees Celsius", -6.0)
    (mild,) = find_quantities("It was 6 °C at noon.")
    assert not cold.quantity.compatible(mild.quantity), "minus six and six degrees are two temperatures"


def test_status_compatibility():
    confirmed, unconfirmed = Status(CONFIRMED), Status(UNCONFIRMED)
    assert not confirmed.compatible(unconfirmed)
    assert not confirmed.compatible(Status(DENIED))
    assert Status(REPORTED).compatible(confirmed) and Status(REPORTED).compatible(unconfirmed)


def test_a_time_elapsed_to_the_second_is_one_duration_in_seconds():
    found = find_quantities("She won in 2 hours 9 minutes 31 seconds, 31 seconds inside the record; the clock read "
                            "2:09:31 (2:09:33 on another watch) at 14:30.")
    assert [(q.text, q.quantity.unit, q.quantity.value) for q in found] == [
        ("2 hours 9 minutes 31 seconds", "seconds", 7771), ("31 seconds", "seconds", 31), ("2:09:31", "seconds", 7771),
        ("2:09:33", "seconds", 7773), ("14:30", "clock", 870)]
    assert found[0].quantity.compatible(found[2].quantity) and not found[2].quantity.compatible(found[3].quantity)
    assert found[0].quantity.label == "2:09:31"



def test_a_race_time_in_hundredths_is_a_duration_not_a_time_of_day():
    found = find_quantities("She touched in 8:19.42, 1.64 seconds inside the 8:21.06 record, and left at 8:19.")
    assert [(q.text, q.quantity.unit, q.quantity.value) for q in found] == [
        ("8:19.42", "seconds", 499.42), ("1.64 seconds", "seconds", 1.64), ("8:21.06", "seconds", 501.06),
        ("8:19", "clock", 499)]
    assert found[0].quantity.label == "8:19.42" and not found[0].quantity.compatible(found[2].quantity)
    assert find_quantities("in 119.999 seconds")[0].quantity.label == "2:00"


def test_a_duration_in_two_units_is_one_duration_in_the_smaller():
    found = find_quantities("The crossing took 41 days and 19 hours, nearly 3 years, 2 months in planning; talks "
                            "lasted 2 hours 9 minutes, then 4 days, 6 weeks and 20 minutes.")
    assert [(q.text, q.quantity.unit, q.quantity.value) for q in found] == [
        ("41 days and 19 hours", "hours", 41 * 24 + 19), ("nearly 3 years, 2 months", "months", 38),
        ("2 hours 9 minutes", "minutes", 129), ("4 days", "days", 4), ("6 weeks", "days", 42),
        ("20 minutes", "minutes", 20)]
    assert found[1].quantity.hedge == "nearly" and found[1].quantity.high == 38
    seven, nineteen = (q.quantity for q in find_quantities("41 days, 7 hours or 41 days and 19 hours"))
    assert not seven.compatible(nineteen), "two outlets' hours over the same days disagree"


def test_a_measure_keeps_its_unit_and_clashes_only_with_the_same_unit():
    found = find_quantities("It released about 900,000 cubic metres, not 1.2 million cubic metres, over 12,400 "
                            "hectares (30,600 acres), 11 km downstream.")
    assert [(q.text, q.quantity.unit) for q in found] == [
        ("about 900,000 cubic metres", "m3"), ("1.2 million cubic metres", "m3"), ("over 12,400 hectares", "hectares"),
        ("30,600 acres", "acres"), ("11 km", "m")]
    assert not found[0].quantity.compatible(found[1].quantity)
    six, metres, eight = (q.quantity for q in find_quantities("about six kilometres, about 6,000 metres or 8 km"))
    assert six.compatible(metres) and not six.compatible(eight), "metric lengths are compared in metres"


def test_power_energy_temperature_and_speed_are_measures_with_their_units():
    found = find_quantities("A 9 MW plant, 3 megawatts more, 45 gigawatt-hours a year, water at 212°C and 41 degrees "
                            "Celsius, winds of 120 km/h and 80 mph, 12 knots.")
    assert [(q.text, q.quantity.unit) for q in found if q.quantity.unit != "years"] == [
        ("9 MW", "W"), ("3 megawatts", "W"), ("45 gigawatt-hours", "Wh"), ("212°C", "°C"),
        ("41 degrees Celsius", "°C"), ("120 km/h", "km/h"), ("80 mph", "mph"), ("12 knots", "knots")]
    assert found[0].quantity.value == 9e6 and not found[0].quantity.compatible(found[1].quantity)


def test_dollars_of_other_countries_by_their_prefix():
    found = find_quantities("The offer of A$5.20 a share values it at A$4.3bn, or C$4 billion and CHF 2 billion.")
    assert [(q.text, q.quantity.unit) for q in found] == [("A$5.20", "AUD"), ("A$4.3bn", "AUD"), ("C$4 billion", "CAD"),
                                                          ("CHF 2 billion", "francs")]


def test_money_in_words_of_other_currencies_and_with_a_nationality():
    crowns = find_quantities("It has debts of about 2.3 billion Norwegian crowns.")[0]
    assert (crowns.text, crowns.quantity.unit, crowns.quantity.value) == ("about 2.3 billion Norwegian crowns",
                                                                         "crowns", 2.3e9)
    assert find_quantities("a loan of 3 million US dollars")[0].quantity.label == "$3 million"
    assert find_quantities("5 million Syrian refugees")[0].quantity.unit == ""
