//! The account's images, listed by the second version of the list, which pages by a
//! continuation token carried in the result.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::paginate::{PageResult, PageShape};
use crate::{endpoint, AccountId};

crate::open_enum! {
    /// The order of a list by upload time.
    pub enum SortOrder {
        /// Oldest first.
        Asc = "asc",
        /// Newest first (the default).
        Desc = "desc",
    }
}

/// Lists the account's images, up to 10,000 a page; the next page's token is in
/// `result.continuation_token`.
#[endpoint(GET, "/accounts/<account_id>/images/v2", perm = ["Images Read", "Images Write"], response = ImagePage,
           paginate = cursor(continuation_token))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListImagesV2 {
    /// Account identifier.
    pub account_id: AccountId,
    /// The token of the page to read, from the previous page.
    pub continuation_token: Option<String>,
    /// Images per page, 10 to 10,000 (1,000 when unset).
    #[validate(minimum = 10, maximum = 10000)]
    pub per_page: Option<u32>,
    /// The order by upload time (newest first when unset).
    pub sort_order: Option<SortOrder>,
}

/// A page of images, with the token of the next one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImagePage {
    /// The images.
    #[serde(default)]
    pub images: Vec<Image>,
    /// The next page's token; absent or `null` on the last page.
    pub continuation_token: Option<String>,
}

impl PageResult for ImagePage {
    type Item = Image;

    const SHAPE: PageShape = PageShape::LIST.items_in("images").cursor_in("continuation_token");

    fn item_count(&self) -> Result<usize, String> {
        Ok(self.images.len())
    }

    fn into_items(self) -> Vec<Image> {
        self.images
    }

    fn next_cursor(&self) -> Option<&str> {
        self.continuation_token.as_deref()
    }
}

/// A stored image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// Image identifier.
    pub id: String,
    /// Its file name.
    pub filename: Option<String>,
    /// The key-value metadata kept with it (at most 1,024 bytes).
    pub meta: Option<Map<String, Value>>,
    /// Whether it is served only through signed URLs.
    #[serde(rename = "requireSignedURLs")]
    pub require_signed_urls: Option<bool>,
    /// When it was uploaded (RFC 3339).
    pub uploaded: Option<String>,
    /// The URLs of its variants.
    #[serde(default)]
    pub variants: Vec<String>,
}
