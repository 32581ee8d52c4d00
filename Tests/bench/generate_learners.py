#!/usr/bin/env python3
"""Generate an import CSV of N commune officials spread over the communes of Tuyên Quang's 7 old districts.

Usage: generate_learners.py COUNT [--communes 138] [--course SLUG] [--seed 1] > learners.csv
Names are synthetic but realistic Vietnamese names (NFC, with diacritics); usernames are unique
10-digit phone-like numbers. Deterministic for a given seed.
"""
import argparse
import random
import sys
import unicodedata

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ma", "Hà", "Nông", "Lò", "Triệu", "Lục", "Quan"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Ngọc"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Mạnh", "Nam", "Phúc", "Sơn", "Thắng", "Tuấn", "Việt"]
GIVEN_F = ["Anh", "Ánh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Yến"]
DISTRICTS = ["Thành phố Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương"]
SYLLABLES = ["Thái", "Bình", "Tân", "Trào", "Kim", "Quan", "Hùng", "Lợi", "Phúc", "Ninh", "Yên", "Thượng", "Trung",
             "Hòa", "Minh", "Quang", "Đạo", "Viện", "Xuân", "Vân", "Tiến", "Thắng", "Lạc", "Hợp", "Đông", "Sơn", "Phú"]
POSITIONS = ["Chủ tịch UBND xã", "Phó Chủ tịch UBND xã", "Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch",
             "Công chức Địa chính - Xây dựng", "Công chức Tài chính - Kế toán", "Công chức Văn hóa - Xã hội",
             "Tổ trưởng tổ công nghệ số cộng đồng", "Thành viên tổ công nghệ số cộng đồng"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("--communes", type=int, default=138)
    parser.add_argument("--course", default="chuyen-doi-so-cap-xa")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--prefix", default="09")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    communes, seen = [], set()
    while len(communes) < args.communes:
        name = "Xã " + " ".join(rng.sample(SYLLABLES, 2))
        if name in seen:
            continue
        seen.add(name)
        communes.append((DISTRICTS[len(communes) % len(DISTRICTS)], name))
    out = sys.stdout
    out.write("username,full_name,district,commune,position,course\n")
    for index in range(args.count):
        female = rng.random() < 0.5
        name = " ".join([rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                         rng.choice(GIVEN_F if female else GIVEN_M)])
        district, commune = communes[index % len(communes)]
        username = f"{args.prefix}{index:08d}"
        fields = [username, name, district, commune, rng.choice(POSITIONS), args.course]
        out.write(",".join(unicodedata.normalize("NFC", f) for f in fields) + "\n")


if __name__ == "__main__":
    main()
