import GRDB

extension Migrations {
    /// Issue 15: people belong to a commune-level unit; the district is kept, as history only.
    ///
    /// The commune stays in `user.commune` (with a place list, the unit's name; see `PlaceList`): the list is read
    /// from Config/places at start, not stored, so the database keeps no copy that could disagree with it.
    /// Nothing is dropped: `district` keeps what was imported, and communes are only made comparable (NFC, single
    /// spaces), never renamed — renaming merged units is `academy places remap`, audited, not a migration.
    static func registerPlaces(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-places") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, district, commune FROM user")
            for row in rows {
                let district: String = row["district"]
                let commune: String = row["commune"]
                let cleanDistrict = Text.clean(district)
                let cleanCommune = Text.clean(commune)
                if cleanDistrict != district || cleanCommune != commune {
                    try db.execute(
                        sql: "UPDATE user SET district = ?, commune = ? WHERE id = ?",
                        arguments: [cleanDistrict, cleanCommune, row["id"] as Int64])
                }
            }
            // Reports and the places page filter and count by commune; nothing looks people up by district first.
            try db.execute(sql: "DROP INDEX user_on_place")
            try db.create(index: "user_on_commune", on: "user", columns: ["commune"])
        }
    }
}
