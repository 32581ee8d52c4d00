#!/usr/bin/env python3
"""Generate an import CSV of N commune officials spread over Tuyên Quang's 124 commune-level units.

The units are those of the place list the server loads (Config/places/tuyen-quang.csv, from 1 July 2025), so the
import accepts every row; written as an official would type them ("xã Thượng Lâm", "phường Minh Xuân").

Usage: generate_learners.py COUNT [--places Config/places/tuyen-quang.csv] [--course SLUG] [--seed 1] > learners.csv
Names are synthetic but realistic Vietnamese names (NFC, with diacritics); usernames are unique
10-digit phone-like numbers. Deterministic for a given seed.
"""
import argparse
import csv
import os
import random
import sys
import unicodedata

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ma", "Hà", "Nông", "Lò", "Triệu", "Lục", "Quan"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Mạnh", "Nam", "Phúc", "Sơn", "Thắng", "Tuấn", "Việt"]
GIVEN_F = ["Anh", "Ánh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Yến"]
PLACES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Config", "places", "tuyen-quang.csv")
POSITIONS = ["Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch",
             "Công chức Địa chính - Xây dựng", "Công chức Tài chính - Kế toán", "Công chức Văn hóa - Xã hội",
             "Tổ trưởng tổ công nghệ số cộng đồng", "Thành viên tổ công nghệ số cộng đồng"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("--places", default=PLACES)
    parser.add_argument("--course", default="chuyen-doi-so-cap-xa")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prefix", default="09")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.places, encoding="utf-8") as file:
        rows = csv.DictReader(line for line in file if not line.startswith("#"))
        communes = [f"{row['type']} {row['name']}" for row in rows]
    out = sys.stdout
    out.write("username,full_name,commune,position,course\n")
    for index in range(args.count):
        female = rng.random() < 0.5
        name = " ".join([rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                         rng.choice(GIVEN_F if female else GIVEN_M)])
        commune = communes[index % len(communes)]
        username = f"{args.prefix}{index:08d}"
        fields = [username, name, commune, rng.choice(POSITIONS), args.course]
        out.write(",".join(unicodedata.normalize("NFC", f) for f in fields) + "\n")


if __name__ == "__main__":
    main()
