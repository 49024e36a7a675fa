"""Equality monitoring categories.

Ethnicity follows the ONS 2021 census for England and Wales: 19 detailed categories in 5
high-level groups, plus "Prefer not to say" and "Not known".
"""

from __future__ import annotations

from django.db import models


class Ethnicity(models.TextChoices):
    BANGLADESHI = "asian_bangladeshi", "Asian: Bangladeshi"
    CHINESE = "asian_chinese", "Asian: Chinese"
    INDIAN = "asian_indian", "Asian: Indian"
    PAKISTANI = "asian_pakistani", "Asian: Pakistani"
    OTHER_ASIAN = "asian_other", "Asian: any other Asian background"
    AFRICAN = "black_african", "Black: African"
    CARIBBEAN = "black_caribbean", "Black: Caribbean"
    OTHER_BLACK = "black_other", "Black: any other Black, Black British or Caribbean background"
    WHITE_ASIAN = "mixed_white_asian", "Mixed: White and Asian"
    WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed: White and Black African"
    WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "Mixed: White and Black Caribbean"
    OTHER_MIXED = "mixed_other", "Mixed: any other Mixed or multiple ethnic background"
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    IRISH = "white_irish", "White: Irish"
    GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    ROMA = "white_roma", "White: Roma"
    OTHER_WHITE = "white_other", "White: any other White background"
    ARAB = "other_arab", "Other ethnic group: Arab"
    ANY_OTHER = "other_any", "Other ethnic group: any other ethnic group"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian, Asian British or Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    MIXED = "mixed", "Mixed or Multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"


def ethnic_group(ethnicity: str) -> EthnicGroup | None:
    """The ONS high-level group of a detailed category; None for declined or unknown."""
    prefix = ethnicity.split("_", 1)[0]
    return EthnicGroup(prefix) if prefix in EthnicGroup.values else None


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "Another gender"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"


class AgeBand(models.TextChoices):
    UNDER_5 = "0-4", "Under 5"
    FROM_5 = "5-9", "5 to 9"
    FROM_10 = "10-15", "10 to 15"
    FROM_16 = "16-17", "16 or 17"
    FROM_18 = "18-24", "18 to 24"
    FROM_25 = "25-34", "25 to 34"
    FROM_35 = "35-44", "35 to 44"
    FROM_45 = "45-54", "45 to 54"
    FROM_55 = "55-64", "55 to 64"
    FROM_65 = "65+", "65 or over"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"
