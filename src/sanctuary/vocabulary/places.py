"""Facts about the place and setting of a request beyond jails and worksites: courthouses, schoolsites, health
facilities, detention contracts and facilities, and officers' face coverings and identification (issue 9).

One optional block on the case, `Case.place`, holds them; each part is used only by the rules of its area. Every
field says which provision turns on it. A fact the user does not know is `null`, and the rules answer "needs
review" where the statute turns on it. The fact provider below flattens them to named facts (bulk columns).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import Field

from .base import Strict


class Proceeding(StrEnum):
    """Evid. Code 351.3 (civil actions not governed by 351.2) and 351.4 (criminal actions)."""

    CIVIL = "civil"
    CIVIL_351_2 = "civil_governed_by_351_2"  # a civil action governed by Evid. Code 351.2 (not in the corpus)
    CRIMINAL = "criminal"


class Courthouse(Strict):
    in_courthouse: bool | None = Field(True, description="The arrest would be made in a courthouse (Civ. Code 43.54(a))")
    attending_or_legal_business: bool | None = Field(
        None, description="The person is attending a court proceeding or has legal business in the courthouse (Civ. Code 43.54(a))")
    proceeding: Proceeding | None = Field(None, description="The kind of action in which immigration status would be disclosed (Evid. Code 351.3, 351.4)")
    in_camera_admissibility_ruling: bool | None = Field(
        False, description="The presiding judge first determined in an in camera hearing that the evidence is admissible (351.3(a), 351.4(a))")
    status_is_element: bool | None = Field(
        False, description="The person's immigration status is necessary to prove an element of a claim or offense or an affirmative defense (351.3(b)(1), 351.4(b)(1))")
    person_volunteers_own_status: bool | None = Field(
        False, description="The person (or their attorney) voluntarily reveals the person's own status to the court (351.3(b)(3), 351.4(b)(3))")


class Area(StrEnum):
    PUBLIC = "public"
    NONPUBLIC = "nonpublic"


class Site(Strict):
    """A schoolsite (Ed. Code 234.7(l)(3)) or a health facility (H&S Code 24251)."""

    area: Area | None = Field(None, description="The area the officer asks to enter: nonpublic (234.7(a)(2); 24251(a)) or public")
    for_immigration_enforcement: bool | None = Field(
        True, description="The officer or person seeks access or information for immigration enforcement (234.7(l)(1); 24251(b))")
    agency_conducts_immigration_enforcement: bool | None = Field(
        None, description="The officer or employee is from an agency conducting immigration enforcement (234.7(a)(2), (b): "
                          "such an officer may not enter a nonpublic area 'for any purpose', whatever this visit's purpose); "
                          "null if not known (then an officer seeking access for immigration enforcement counts as one)")
    order_specifically_grants_access: bool | None = Field(
        None, description="The warrant or court order specifically grants access to the nonpublic areas of the facility (24251(b))")
    other_law_requires_access: bool | None = Field(
        False, description="State or federal law requires allowing the access (24251(b): 'Unless required by state or federal law')")
    required_by_law_or_program: bool | None = Field(
        False, description="State or federal law, or administering a state or federally supported educational program, requires it (234.7(a) opening words)")
    parent_written_consent: bool | None = Field(
        False, description="The pupil's parents or guardians gave written consent to the disclosure (234.7(b))")
    refusal_not_practicable: bool | None = Field(
        False, description="Refusing the disclosure is not practicable (234.7(b): 'to the extent practicable')")
    information_is_immigration_status: bool | None = Field(
        False, description="What is asked is only citizenship or immigration status information (234.7(i); 8 U.S.C. 1373, 1644)")


class ContractParty(StrEnum):
    FEDERAL = "federal"  # the federal government or a federal agency
    PRIVATE_CORPORATION = "private_corporation"


class Detainees(StrEnum):
    ADULTS = "adults"
    MINORS = "minors"  # accompanied or unaccompanied minors in ORR or ICE custody (Gov. Code 7311)


class ContractAction(StrEnum):
    NEW = "new"
    RENEW_OR_MODIFY = "renew_or_modify"


class Detention(Strict):
    contract_with: ContractParty | None = Field(None, description="The other party to the contract (Civ. Code 1670.9(a), (b); Gov. Code 7310, 7311)")
    detainees: Detainees | None = Field(None, description="Adults, or minors in ORR or ICE custody (Gov. Code 7310, 7311)")
    contract_action: ContractAction | None = Field(None, description="Enter a new contract, or renew or modify an existing one")
    expands_beds: bool | None = Field(None, description="The renewal or modification would expand the maximum number of contract beds")
    locked_facility: bool | None = Field(True, description="Detention in a locked detention facility")
    civil_immigration_custody: bool | None = Field(True, description="For purposes of civil immigration custody or proceedings")
    facility_owned_operated_by_local_entity: bool | None = Field(None, description="The facility is owned and operated by a local entity (Gov. Code 7310(a))")
    contract_existed_2018_01_01: bool | None = Field(None, description="The city, county or agency had such a contract as of January 1, 2018 (Civ. Code 1670.9(a), (b))")
    contract_existed_2017_06_15: bool | None = Field(None, description="The city, county or agency had such a contract as of June 15, 2017 (Gov. Code 7310, 7311)")
    dss_certified_temporary_less_restrictive: bool | None = Field(
        False, description="Temporary housing of minors in less restrictive settings, certified by the State Department of Social Services, temporary, nonrenewable and meeting all standards (Gov. Code 7311(c))")
    public_notice_180_days: bool | None = Field(None, description="Public notice at least 180 days before the conveyance or permit (Civ. Code 1670.9(d)(1))")
    two_public_meetings: bool | None = Field(None, description="Public comments solicited and heard in at least two public meetings (Civ. Code 1670.9(d)(2))")
    private_for_profit_under_government_contract: bool | None = Field(
        None, description="The facility is owned and operated by a private, nongovernmental, for-profit entity under a contract with a governmental entity (Pen. Code 9500(b))")
    confines_for_sentence_or_proceeding: bool | None = Field(
        True, description="Persons are confined to serve a sentence or pending a trial, hearing or other judicial or administrative proceeding (Pen. Code 9500(a))")
    title_9_5_exception_applies: bool | None = Field(
        None, description="An exception elsewhere in Pen. Code Title 9.5 applies (9501: 'Except as otherwise provided in this title'; 9502-9505 are not in the corpus)")


class Covering(StrEnum):
    """What the officer wears over the face (Pen. Code 185.5(b))."""

    OPAQUE = "opaque"  # balaclava, tactical mask, gaiter, ski mask or similar (185.5(b)(1))
    TRANSLUCENT_PER_POLICY = "translucent_per_policy"  # (b)(2)(A)
    MEDICAL_OR_PROTECTIVE = "medical_or_protective"  # N95, surgical mask, respirator, hazard protection (b)(2)(B)
    UNDERWATER = "underwater"  # (b)(2)(C)
    MOTORCYCLE_HELMET = "motorcycle_helmet"  # (b)(2)(D)
    LASER_EYEWEAR = "laser_eyewear"  # (b)(2)(E)
    NONE = "none"


class Exemption(StrEnum):
    """Exemptions of Pen. Code 13654(b), Gov. Code 7289(b)(3) (via Pen. Code 185.5(c)(1)) and SWAT (185.5(c)(2))."""

    UNDERCOVER = "undercover"  # 13654(b)(1); 7289(b)(3)(A) (authorized by supervisors or court order)
    PLAINCLOTHES_LISTED_AGENCY = "plainclothes_listed_agency"  # 13654(b)(2)
    PROTECTIVE_EQUIPMENT = "protective_equipment"  # 13654(b)(3); 7289(b)(3)(B) tactical protective gear
    EXIGENT = "exigent"  # 13654(b)(4)
    SWAT = "swat"  # a SWAT team unit, actively performing SWAT duties: 185.5(c)(2) and 13654(b)(5)
    SWAT_OR_TACTICAL = "swat_or_tactical"  # a SWAT or other tactical team unit, not said which: 13654(b)(5); 185.5(c)(2) names SWAT only
    DIGNITARY_PROTECTION = "dignitary_protection"  # 13654(b)(6)
    OCCUPATIONAL_SAFETY_LAW = "occupational_safety_law"  # 7289(b)(3)(C)
    IDENTITY_DURING_PROSECUTION = "identity_during_prosecution"  # 7289(b)(3)(D)
    REASONABLE_ACCOMMODATION = "reasonable_accommodation"  # 7289(b)(3)(E)


class Officer(Strict):
    covering: Covering | None = Field(None, description="What the officer wears over the face (Pen. Code 185.5)")
    uniformed: bool | None = Field(None, description="The officer is uniformed (Pen. Code 13654(a), with 830.10)")
    performing_duties: bool | None = Field(True, description="In the performance of duties (185.5(a))")
    enforcement_duties: bool | None = Field(
        None, description="Active and planned operations involving arrest or detention, or crowd control (Pen. Code 13654(d)(1))")
    exemptions: list[Exemption] = Field(default_factory=list, description="Exemptions that apply")
    agency_posted_identification_policy: bool | None = Field(
        None, description="The officer's agency maintains and publicly posts a written policy under Gov. Code 7288 (Pen. Code 13654(e))")
    agency_posted_facial_covering_policy: bool | None = Field(
        None, description="The agency maintains and publicly posted by July 1, 2026 a written policy under Gov. Code 7289 (Pen. Code 185.5(f))")
    suspicion_of_crime: bool | None = Field(
        None, description="Probable cause or reasonable suspicion that the alleged officer committed a crime (Pen. Code 13653(a))")


class PlaceFacts(Strict):
    courthouse: Courthouse | None = None
    site: Site | None = None
    detention: Detention | None = None
    officer: Officer | None = None


_PARTS = {"courthouse": Courthouse, "site": Site, "detention": Detention, "officer": Officer}


def place_fact_names() -> list[str]:
    """Every fact this module adds (also the bulk columns)."""
    out = []
    for part, model in _PARTS.items():
        for name in model.model_fields:
            if name == "exemptions":
                out += [f"officer_exempt_{e.value}" for e in Exemption]
            else:
                out.append(f"{part}_{name}")
    return out


# imported here, after the models: facts.py imports case.py, which imports this module
from .facts import fact_provider  # noqa: E402


@fact_provider
def place_facts(case, as_of: dt.date) -> dict[str, Any]:
    """`courthouse_attending_or_legal_business`, `site_area`, `detention_expands_beds`, `officer_uniformed`, ...:
    each part's fields prefixed by the part's name; enums by their value; a missing part gives its defaults."""
    place: PlaceFacts | None = getattr(case, "place", None)
    out: dict[str, Any] = {}
    for part, model in _PARTS.items():
        obj = (getattr(place, part, None) if place is not None else None) or model()  # a missing part: its defaults
        for name in model.model_fields:
            if name == "exemptions":
                for e in Exemption:
                    out[f"officer_exempt_{e.value}"] = e in obj.exemptions
                continue
            v = getattr(obj, name)
            out[f"{part}_{name}"] = getattr(v, "value", v)
    return out
