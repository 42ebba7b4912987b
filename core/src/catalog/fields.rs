//! [`Fields`]: an endpoint's fields, written by hand as a list of [`FieldInfo`]s or by
//! `#[endpoint]` as a table (see [`flarekit_vocab::table`]) that is decoded the first time it is
//! read.

use std::fmt;
use std::ops::Deref;
use std::sync::{Mutex, PoisonError};

use flarekit_vocab::table::{self, flag, kind, part, rule};

use super::{FieldInfo, Kind, Location, PartKind};
use crate::request::validate::{Format, Rule};

/// The fields of an endpoint, in declaration order: a `&'static [FieldInfo]` to read
/// ([`Fields::as_slice`], or through `Deref` and `IntoIterator`).
///
/// ```
/// use flarekit_core::{EndpointInfo, FieldInfo, Kind, Location, Method};
///
/// const GET: EndpointInfo = EndpointInfo::new(Method::Get, "/zones/<zone_id>")
///     .fields(&[FieldInfo::new("zone_id", Location::Path, Kind::String)]);
/// assert_eq!(GET.fields.len(), 1);
/// for field in GET.fields {
///     assert_eq!(field.name, "zone_id");
/// }
/// ```
#[derive(Clone, Copy)]
pub struct Fields(Repr);

#[derive(Clone, Copy)]
enum Repr {
    List(&'static [FieldInfo]),
    Table { table: &'static str, facts: &'static [TypeFacts] },
}

/// What a field's type says of itself ([`Validate`](crate::Validate)'s `KIND`, `RULES` and
/// `VALUES`), for a field table: the one part of a field the macro cannot write as text.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct TypeFacts {
    /// `Validate::KIND`.
    pub kind: Kind,
    /// `Validate::RULES`.
    pub rules: &'static [Rule],
    /// `Validate::VALUES`.
    pub values: &'static [&'static str],
}

impl Fields {
    /// No fields.
    pub const EMPTY: Fields = Fields(Repr::List(&[]));

    /// These fields.
    pub const fn list(fields: &'static [FieldInfo]) -> Self {
        Fields(Repr::List(fields))
    }

    /// The fields `#[endpoint]` wrote as a table, with the facts of the fields whose type
    /// describes itself in order. Not a public API: the format changes without notice.
    #[doc(hidden)]
    pub const fn table_with_facts(table: &'static str, facts: &'static [TypeFacts]) -> Self {
        Fields(Repr::Table { table, facts })
    }

    /// A table with no field whose type describes itself: the common case, one argument for
    /// `#[endpoint]` to write.
    #[doc(hidden)]
    pub const fn table(table: &'static str) -> Self {
        Fields(Repr::Table { table, facts: &[] })
    }

    /// The fields as a slice that lives as long as the program. A table is decoded on the first
    /// call (for the whole process) and kept.
    ///
    /// # Panics
    ///
    /// If the table is not one `#[endpoint]` of this version of flarekit wrote: the macro is
    /// its one writer, and `the_field_table_reads_back_as_declared` (`tests/tests/catalog.rs`)
    /// reads back every code it writes.
    pub fn as_slice(self) -> &'static [FieldInfo] {
        match self.0 {
            Repr::List(fields) => fields,
            Repr::Table { table, facts } => decoded(table, facts),
        }
    }
}

/// The decoded tables, sorted by where their text and facts are: each is decoded once. A sorted
/// `Vec` rather than a map: one binary search, and far less code for every build of flarekit to
/// compile.
static DECODED: Mutex<Vec<(TableKey, &'static [FieldInfo])>> = Mutex::new(Vec::new());

/// The address and length of a table's text and of its facts. Both: two endpoints can write the
/// same text (the same names, rules and docs) for fields whose types differ, and the compiler
/// may give equal strings one address.
type TableKey = (usize, usize, usize, usize);

fn decoded(table: &'static str, facts: &'static [TypeFacts]) -> &'static [FieldInfo] {
    let key = (table.as_ptr() as usize, table.len(), facts.as_ptr() as usize, facts.len());
    let mut cache = DECODED.lock().unwrap_or_else(PoisonError::into_inner);
    let at = match cache.binary_search_by_key(&key, |&(key, _)| key) {
        Ok(found) => return cache[found].1,
        Err(at) => at,
    };
    let fields = match decode(table, facts) {
        Ok(fields) => fields,
        // The one writer is the macro of the same version; a table that does not read is a
        // bug in flarekit, not data from a user or a server.
        Err(at) => panic!("flarekit: malformed field table at byte {at}: {table:?}"),
    };
    let fields: &'static [FieldInfo] = Box::leak(fields.into_boxed_slice());
    cache.insert(at, (key, fields));
    fields
}

/// Reads a table; `Err` holds the offset where it stopped making sense.
fn decode(table: &'static str, facts: &'static [TypeFacts]) -> Result<Vec<FieldInfo>, usize> {
    let mut r = Reader { text: table, at: 0 };
    let mut facts = facts.iter();
    let mut fields = Vec::new();
    while !r.done() {
        let name = r.text()?;
        let location = Location::from_code(r.byte()?).ok_or(r.at)?;
        let kind_code = r.byte()?;
        let mut field = FieldInfo::new(name, location, Kind::Other);
        field.part = match r.byte()? {
            part::VALUE => PartKind::Value,
            part::JSON => PartKind::Json,
            part::NAMED => PartKind::Named,
            _ => return Err(r.at),
        };
        let mut own: Option<&TypeFacts> = None;
        while let Some(code) = r.peek() {
            match code {
                flag::OPTIONAL => field.required = false,
                flag::NULLABLE => field.nullable = true,
                flag::DEPRECATED => field.deprecated = true,
                flag::JOINED => field.explode = false,
                flag::FACTS => own = Some(facts.next().ok_or(r.at)?),
                _ => break,
            }
            r.at += 1;
        }
        field.kind = match kind_code {
            kind::STRING => Kind::String,
            kind::INTEGER => Kind::Integer,
            kind::NUMBER => Kind::Number,
            kind::BOOLEAN => Kind::Boolean,
            kind::LIST => Kind::List,
            kind::BINARY => Kind::Binary,
            kind::OTHER => Kind::Other,
            kind::TYPE => own.ok_or(r.at)?.kind,
            _ => return Err(r.at),
        };
        if let Some(own) = own {
            field.type_rules = own.rules;
            field.values = own.values;
        }
        let mut rules = Vec::new();
        while let Some(code) = r.peek().filter(|c| !c.is_ascii_digit()) {
            r.at += 1;
            rules.push(match code {
                rule::MAX_LENGTH => Rule::MaxLength(r.number()?),
                rule::MIN_LENGTH => Rule::MinLength(r.number()?),
                rule::MAX_ITEMS => Rule::MaxItems(r.number()?),
                rule::MIN_ITEMS => Rule::MinItems(r.number()?),
                rule::MAXIMUM => Rule::Maximum(r.number()?),
                rule::MINIMUM => Rule::Minimum(r.number()?),
                rule::EXCLUSIVE_MAXIMUM => Rule::ExclusiveMaximum(r.number()?),
                rule::EXCLUSIVE_MINIMUM => Rule::ExclusiveMinimum(r.number()?),
                rule::PATTERN => Rule::Pattern(r.text()?),
                rule::FORMAT => Rule::Format(Format::from_name(r.text()?).ok_or(r.at)?),
                rule::UNIQUE_ITEMS => Rule::UniqueItems,
                table::DOC => {
                    field.doc = r.text()?;
                    break;
                }
                _ => return Err(r.at - 1),
            });
        }
        // Leaked with the fields: a table is decoded once per process. No rules, no allocation.
        field.constraints = Box::leak(rules.into_boxed_slice());
        fields.push(field);
    }
    if facts.next().is_some() {
        return Err(r.at);
    }
    Ok(fields)
}

struct Reader {
    text: &'static str,
    at: usize,
}

impl Reader {
    fn done(&self) -> bool {
        self.at >= self.text.len()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn byte(&mut self) -> Result<u8, usize> {
        let b = self.peek().ok_or(self.at)?;
        self.at += 1;
        Ok(b)
    }

    /// Up to (and past) `end`.
    fn until(&mut self, end: u8) -> Result<&'static str, usize> {
        let rest = self.text.get(self.at..).ok_or(self.at)?;
        let len = rest.bytes().position(|b| b == end).ok_or(self.at)?;
        self.at += len + 1;
        Ok(&rest[..len])
    }

    fn number<N: std::str::FromStr>(&mut self) -> Result<N, usize> {
        let start = self.at;
        self.until(rule::END)?.parse().map_err(|_| start)
    }

    fn text(&mut self) -> Result<&'static str, usize> {
        let start = self.at;
        let len: usize = self.until(table::TEXT)?.parse().map_err(|_| start)?;
        let text = self.text.get(self.at..self.at + len).ok_or(start)?;
        self.at += len;
        Ok(text)
    }
}

impl Deref for Fields {
    type Target = [FieldInfo];

    fn deref(&self) -> &[FieldInfo] {
        self.as_slice()
    }
}

impl IntoIterator for Fields {
    type Item = &'static FieldInfo;
    type IntoIter = std::slice::Iter<'static, FieldInfo>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl IntoIterator for &Fields {
    type Item = &'static FieldInfo;
    type IntoIter = std::slice::Iter<'static, FieldInfo>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl fmt::Debug for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::EMPTY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_back_every_code() {
        const FACTS: &[TypeFacts] =
            &[TypeFacts { kind: Kind::String, rules: &[Rule::MaxLength(32)], values: &["a", "b"] }];
        let fields = Fields::table_with_facts(
            "10:account_idpsv6:filterqlv?,I5;i1;U4:tagsbtv?~!*L4;l1;P6:^[a:]$F9:date-timem-1.5;M1e300;x0.0;X2.5;d6:é;:x\n",
            FACTS,
        );
        let mut expected = [
            FieldInfo::new("account_id", Location::Path, Kind::String),
            FieldInfo::new("filter", Location::Query, Kind::List).optional().joined(),
            FieldInfo::new("tags", Location::Body, Kind::String).optional(),
        ];
        expected[1].constraints = &[Rule::MaxItems(5), Rule::MinItems(1), Rule::UniqueItems];
        let tags = &mut expected[2];
        tags.nullable = true;
        tags.deprecated = true;
        tags.type_rules = &[Rule::MaxLength(32)];
        tags.values = &["a", "b"];
        tags.constraints = &[
            Rule::MaxLength(4),
            Rule::MinLength(1),
            Rule::Pattern("^[a:]$"),
            Rule::Format(Format::DateTime),
            Rule::Minimum(-1.5),
            Rule::Maximum(1e300),
            Rule::ExclusiveMinimum(0.0),
            Rule::ExclusiveMaximum(2.5),
        ];
        tags.doc = "é;:x\n";
        assert_eq!(fields.as_slice(), &expected[..]);
        // Decoded once: the same slice every time.
        assert!(std::ptr::eq(fields.as_slice(), fields.as_slice()));
    }

    #[test]
    fn one_text_with_other_facts_is_another_table() {
        const TEXT: &str = "2:idptv*";
        let string = Fields::table_with_facts(TEXT, &[TypeFacts { kind: Kind::String, rules: &[], values: &[] }]);
        let number = Fields::table_with_facts(TEXT, &[TypeFacts { kind: Kind::Integer, rules: &[], values: &[] }]);
        assert_eq!((string[0].kind, number[0].kind), (Kind::String, Kind::Integer));
    }

    #[test]
    fn a_table_that_does_not_read_says_where() {
        let facts: &[TypeFacts] = &[];
        assert_eq!(decode("4:namepsvQ", facts).unwrap_err(), 9);
        assert_eq!(decode("9:namepsv", facts).unwrap_err(), 0);
        assert_eq!(decode("4:namezsv", facts).unwrap_err(), 7);
        assert_eq!(decode("4:namepsvL4", facts).unwrap_err(), 10);
        // A field whose facts are missing, and facts no field took.
        assert_eq!(decode("4:namebtv*", facts).unwrap_err(), 9);
        let one = &[TypeFacts { kind: Kind::Other, rules: &[], values: &[] }];
        assert!(decode("4:namebov", one).is_err());
    }
}
