//! serde's `rename_all` conversions, exactly as serde_derive applies them: fields are assumed
//! to be written in snake_case, variants in PascalCase.

/// A `#[serde(rename_all = "...")]` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    /// The rule serde knows by `name`; `None` for a name serde rejects (serde reports it).
    pub fn from_name(name: &str) -> Option<RenameRule> {
        Some(match name {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    /// The wire name of the variant `variant` (written in PascalCase).
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => lower_first(variant),
            RenameRule::Snake => {
                let mut snake = String::with_capacity(variant.len() + 4);
                for (i, ch) in variant.char_indices() {
                    if i > 0 && ch.is_uppercase() {
                        snake.push('_');
                    }
                    snake.push(ch.to_ascii_lowercase());
                }
                snake
            }
            RenameRule::ScreamingSnake => RenameRule::Snake.apply_to_variant(variant).to_ascii_uppercase(),
            RenameRule::Kebab => RenameRule::Snake.apply_to_variant(variant).replace('_', "-"),
            RenameRule::ScreamingKebab => RenameRule::ScreamingSnake.apply_to_variant(variant).replace('_', "-"),
        }
    }

    /// The wire name of the field `field` (written in snake_case, without `r#`).
    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => {
                let mut pascal = String::with_capacity(field.len());
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        pascal.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        pascal.push(ch);
                    }
                }
                pascal
            }
            RenameRule::Camel => lower_first(&RenameRule::Pascal.apply_to_field(field)),
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }
}

/// The first character in ASCII lowercase (serde lowercases the first byte).
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule::{self, *};

    const ALL: [&str; 8] = [
        "lowercase",
        "UPPERCASE",
        "PascalCase",
        "camelCase",
        "snake_case",
        "SCREAMING_SNAKE_CASE",
        "kebab-case",
        "SCREAMING-KEBAB-CASE",
    ];

    fn rule(name: &str) -> RenameRule {
        RenameRule::from_name(name).unwrap()
    }

    #[test]
    fn names() {
        let rules: Vec<_> = ALL.iter().map(|n| rule(n)).collect();
        assert_eq!(rules, [Lower, Upper, Pascal, Camel, Snake, ScreamingSnake, Kebab, ScreamingKebab]);
        assert_eq!(RenameRule::from_name("Title Case"), None);
        assert_eq!(RenameRule::from_name("SNAKE_CASE"), None);
    }

    /// The cases of serde_derive's own `rename_variants` test, plus acronyms and digits.
    #[test]
    fn variants() {
        #[rustfmt::skip]
        let cases = [
            // original, lower, UPPER, Pascal, camel, snake, SCREAMING_SNAKE, kebab, SCREAMING-KEBAB
            ["Outcome", "outcome", "OUTCOME", "Outcome", "outcome", "outcome", "OUTCOME", "outcome", "OUTCOME"],
            ["VeryTasty", "verytasty", "VERYTASTY", "VeryTasty", "veryTasty", "very_tasty", "VERY_TASTY", "very-tasty", "VERY-TASTY"],
            ["A", "a", "A", "A", "a", "a", "A", "a", "A"],
            ["Z42", "z42", "Z42", "Z42", "z42", "z42", "Z42", "z42", "Z42"],
            ["IPv4Cidr", "ipv4cidr", "IPV4CIDR", "IPv4Cidr", "iPv4Cidr", "i_pv4_cidr", "I_PV4_CIDR", "i-pv4-cidr", "I-PV4-CIDR"],
            ["Domain2Ip", "domain2ip", "DOMAIN2IP", "Domain2Ip", "domain2Ip", "domain2_ip", "DOMAIN2_IP", "domain2-ip", "DOMAIN2-IP"],
        ];
        for case in cases {
            for (name, expected) in ALL.iter().zip(&case[1..]) {
                assert_eq!(rule(name).apply_to_variant(case[0]), *expected, "{name} of {}", case[0]);
            }
        }
    }

    /// The cases of serde_derive's own `rename_fields` test, plus digits and a leading `_`.
    #[test]
    fn fields() {
        #[rustfmt::skip]
        let cases = [
            // original, lower, UPPER, Pascal, camel, snake, SCREAMING_SNAKE, kebab, SCREAMING-KEBAB
            ["outcome", "outcome", "OUTCOME", "Outcome", "outcome", "outcome", "OUTCOME", "outcome", "OUTCOME"],
            ["very_tasty", "very_tasty", "VERY_TASTY", "VeryTasty", "veryTasty", "very_tasty", "VERY_TASTY", "very-tasty", "VERY-TASTY"],
            ["a", "a", "A", "A", "a", "a", "A", "a", "A"],
            ["z42", "z42", "Z42", "Z42", "z42", "z42", "Z42", "z42", "Z42"],
            ["ip_v4_cidr", "ip_v4_cidr", "IP_V4_CIDR", "IpV4Cidr", "ipV4Cidr", "ip_v4_cidr", "IP_V4_CIDR", "ip-v4-cidr", "IP-V4-CIDR"],
            ["_private", "_private", "_PRIVATE", "Private", "private", "_private", "_PRIVATE", "-private", "-PRIVATE"],
        ];
        for case in cases {
            for (name, expected) in ALL.iter().zip(&case[1..]) {
                assert_eq!(rule(name).apply_to_field(case[0]), *expected, "{name} of {}", case[0]);
            }
        }
    }

    /// The tables above, checked against serde itself.
    #[test]
    fn agrees_with_serde() {
        macro_rules! check {
            ($($rule:literal),*) => {$({
                #[derive(serde::Serialize)]
                #[serde(rename_all = $rule)]
                #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
                enum E { Outcome, VeryTasty, A, Z42, IPv4Cidr, Domain2Ip }
                for (value, name) in
                    [E::Outcome, E::VeryTasty, E::A, E::Z42, E::IPv4Cidr, E::Domain2Ip]
                        .iter()
                        .zip(["Outcome", "VeryTasty", "A", "Z42", "IPv4Cidr", "Domain2Ip"])
                {
                    let wire = serde_json::to_value(value).unwrap();
                    assert_eq!(wire, rule($rule).apply_to_variant(name).as_str(), "variant {name} in {}", $rule);
                }

                #[derive(serde::Serialize, Default)]
                #[serde(rename_all = $rule)]
                struct S { outcome: u8, very_tasty: u8, a: u8, z42: u8, ip_v4_cidr: u8, _private: u8 }
                let wire = serde_json::to_value(S::default()).unwrap();
                let mut keys: Vec<&String> = wire.as_object().unwrap().keys().collect();
                keys.sort();
                let mut ours: Vec<String> = ["outcome", "very_tasty", "a", "z42", "ip_v4_cidr", "_private"]
                    .iter()
                    .map(|f| rule($rule).apply_to_field(f))
                    .collect();
                ours.sort();
                assert_eq!(keys, ours.iter().collect::<Vec<_>>(), "fields in {}", $rule);
            })*};
        }
        check!(
            "lowercase",
            "UPPERCASE",
            "PascalCase",
            "camelCase",
            "snake_case",
            "SCREAMING_SNAKE_CASE",
            "kebab-case",
            "SCREAMING-KEBAB-CASE"
        );
    }
}
