use flarekit::endpoint;

#[derive(serde::Serialize, flarekit::Validate)]
pub enum Mode {
    Strict,
    Lenient,
}

// `Mode` is not recognizable from its name, so the runtime trait reports the misuse, at the
// field's type.
#[endpoint(GET, "/zones", perm = "Zone Read", response = ())]
pub struct ListZones {
    #[validate(max_length = 10)]
    pub mode: Option<Mode>,
}

fn main() {}
