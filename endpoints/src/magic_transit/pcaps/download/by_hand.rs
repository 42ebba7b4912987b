//! Downloading a finished packet capture.

use crate::streaming::ByteStream;
use crate::{endpoint, AccountId};

/// Downloads a simple packet capture (`application/vnd.tcpdump.pcap`) as a stream of chunks,
/// in flat memory however large the capture is.
#[endpoint(GET, "/accounts/<account_id>/pcaps/<pcap_id>/download", perm = ["Magic Firewall Packet Captures - Write PCAPs API", "Magic Firewall Packet Captures - Read PCAPs API"], response = ByteStream, stream)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadSimplePcap {
    /// Account identifier.
    pub account_id: AccountId,
    /// Packet capture identifier.
    #[validate(max_length = 32)]
    pub pcap_id: String,
}
