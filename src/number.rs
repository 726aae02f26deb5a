//! Numbers as Vietnamese documents write them: "." between thousands and
//! "," before the decimals (1.250.000; 2,5), read from what the author
//! typed, summed exactly (no binary fractions), and written back the same
//! way. Tables and funding use them; a stated total is compared with the
//! sum of its parts digit for digit.

use std::cmp::Ordering;
use std::fmt;

/// Digits a number may have in all: far beyond any budget in đồng, well
/// inside `i128`, so sums of thousands of them cannot overflow unnoticed.
const MAX_DIGITS: usize = 30;

/// An exact decimal number: `units / 10^scale`. The scale is how many
/// decimals the author wrote, kept so "2,50" prints as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Number {
    units: i128,
    scale: u8,
}

/// Why a text is not a number as Vietnamese documents write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Letters or other characters among the digits.
    NotANumber,
    /// "1.25" or "12.5000": dots group thousands, three digits each; a
    /// decimal point is written ",".
    Grouping,
    /// More than [`MAX_DIGITS`] digits.
    TooLong,
}

impl NumberError {
    /// The Vietnamese explanation and the fix, for a diagnostic.
    pub fn explain(&self, typed: &str) -> (String, String) {
        let shown = crate::diag::quote(typed);
        match self {
            NumberError::NotANumber => (
                format!("`{shown}` không phải là số"),
                "viết số bằng chữ số, ví dụ 1.250.000 hoặc 2,5; để trống ô nếu không có số liệu"
                    .into(),
            ),
            NumberError::Grouping => (
                format!("số `{shown}` viết sai cách: dấu chấm ngăn cách hàng nghìn (mỗi nhóm 3 chữ số), dấu phẩy đứng trước phần thập phân"),
                match suggest_decimal(typed) {
                    Some(s) => format!("nếu là số thập phân, viết \"{s}\" (trong ngoặc kép); nếu là số nguyên, viết liền các chữ số hoặc chia nhóm 3 chữ số, ví dụ 1.250.000"),
                    None => "ví dụ 1.250.000 (một triệu hai trăm năm mươi nghìn) hoặc \"2,5\" (hai phẩy năm)".into(),
                },
            ),
            NumberError::TooLong => (
                format!("số `{shown}` quá dài"),
                format!("một số có nhiều nhất {MAX_DIGITS} chữ số"),
            ),
        }
    }
}

/// "2.5" typed the English way, as the Vietnamese "2,5".
fn suggest_decimal(typed: &str) -> Option<String> {
    let t = typed.trim();
    (t.matches('.').count() == 1 && !t.contains(',')).then(|| t.replace('.', ","))
}

impl Number {
    pub const ZERO: Number = Number { units: 0, scale: 0 };

    /// A whole number.
    pub fn whole(n: i128) -> Number {
        Number { units: n, scale: 0 }
    }

    /// Reads "1.250.000", "1250000", "2,5", "-3", "1.250,75". Plain digits
    /// are a whole number; dots must group thousands exactly; "," opens
    /// the decimals.
    pub fn parse(text: &str) -> Result<Number, NumberError> {
        let t = text.trim();
        let (negative, t) = match t.strip_prefix(['-', '\u{2212}']) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let (whole, decimals) = match t.split_once(',') {
            Some((w, d)) => (w, Some(d)),
            None => (t, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(&whole.replace('.', "")) || decimals.is_some_and(|d| !all_digits(d)) {
            return Err(NumberError::NotANumber);
        }
        if whole.contains('.') {
            let mut groups = whole.split('.');
            let first = groups.next().unwrap_or("");
            if first.len() > 3 || groups.any(|g| g.len() != 3) {
                return Err(NumberError::Grouping);
            }
        }
        let digits: String = whole
            .chars()
            .filter(char::is_ascii_digit)
            .chain(decimals.unwrap_or("").chars())
            .collect();
        if digits.trim_start_matches('0').len() > MAX_DIGITS || digits.len() > 2 * MAX_DIGITS {
            return Err(NumberError::TooLong);
        }
        let scale = decimals.map_or(0, str::len);
        let scale = u8::try_from(scale).map_err(|_| NumberError::TooLong)?;
        let units: i128 = digits.parse().map_err(|_| NumberError::TooLong)?;
        Ok(Number {
            units: if negative { -units } else { units },
            scale,
        })
    }

    /// Decimals as typed.
    pub fn scale(&self) -> u8 {
        self.scale
    }

    /// `self` with `scale` decimals (never fewer than it has).
    fn rescaled(self, scale: u8) -> Option<Number> {
        let extra = u32::from(scale.checked_sub(self.scale)?);
        Some(Number {
            units: self.units.checked_mul(10i128.checked_pow(extra)?)?,
            scale,
        })
    }

    /// The exact sum, with as many decimals as the more precise of the
    /// two; None past [`MAX_DIGITS`] digits.
    pub fn checked_add(self, other: Number) -> Option<Number> {
        let scale = self.scale.max(other.scale);
        let sum = Number {
            units: self
                .rescaled(scale)?
                .units
                .checked_add(other.rescaled(scale)?.units)?,
            scale,
        };
        (sum.units.unsigned_abs() < 10u128.pow(MAX_DIGITS as u32)).then_some(sum)
    }

    /// `self × 10^power` (from triệu đồng to đồng: power 6).
    pub fn shifted(self, power: u8) -> Option<Number> {
        if self.scale >= power {
            return Some(Number {
                units: self.units,
                scale: self.scale - power,
            });
        }
        let extra = u32::from(power - self.scale);
        Some(Number {
            units: self.units.checked_mul(10i128.checked_pow(extra)?)?,
            scale: 0,
        })
    }

    /// The value as a whole, non-negative number, if it is one (2,00 is).
    pub fn to_u64(self) -> Option<u64> {
        let p = 10i128.checked_pow(u32::from(self.scale))?;
        (self.units % p == 0)
            .then(|| self.units / p)
            .and_then(|n| u64::try_from(n).ok())
    }

    pub fn is_zero(&self) -> bool {
        self.units == 0
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Number {}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Number {
    /// By value: 2,50 equals 2,5.
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        match (self.rescaled(scale), other.rescaled(scale)) {
            (Some(a), Some(b)) => a.units.cmp(&b.units),
            // Only numbers of about 38 digits fail to rescale; compare the
            // whole parts then.
            _ => {
                let whole = |n: &Number| n.units / 10i128.pow(u32::from(n.scale.min(38)));
                whole(self).cmp(&whole(other))
            }
        }
    }
}

impl fmt::Display for Number {
    /// As Vietnamese documents write it: 1.250.000; 2,5; -1.250,75.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.units.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let digits = format!("{digits:0>width$}", width = scale + 1);
        let (whole, decimals) = digits.split_at(digits.len() - scale);
        if self.units < 0 {
            f.write_str("-")?;
        }
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                f.write_str(".")?;
            }
            write!(f, "{c}")?;
        }
        if !decimals.is_empty() {
            write!(f, ",{decimals}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Number {
        Number::parse(s).unwrap()
    }

    #[test]
    fn reads_and_writes_the_vietnamese_way() {
        for (typed, shown) in [
            ("1250000", "1.250.000"),
            ("1.250.000", "1.250.000"),
            ("2,5", "2,5"),
            ("2,50", "2,50"),
            ("1.250,75", "1.250,75"),
            ("-3", "-3"),
            ("0", "0"),
            ("0,05", "0,05"),
            ("007", "7"),
            (" 12 ", "12"),
        ] {
            assert_eq!(n(typed).to_string(), shown, "{typed}");
        }
    }

    #[test]
    fn refuses_what_is_not_written_the_vietnamese_way() {
        assert_eq!(Number::parse("2.5"), Err(NumberError::Grouping));
        assert_eq!(Number::parse("1.25"), Err(NumberError::Grouping));
        assert_eq!(Number::parse("1250.000"), Err(NumberError::Grouping));
        assert_eq!(Number::parse("12a"), Err(NumberError::NotANumber));
        assert_eq!(Number::parse(""), Err(NumberError::NotANumber));
        assert_eq!(Number::parse("1,"), Err(NumberError::NotANumber));
        assert_eq!(Number::parse("1 250"), Err(NumberError::NotANumber));
        assert_eq!(Number::parse(&"9".repeat(31)), Err(NumberError::TooLong));
        assert_eq!(Number::parse(&"1".repeat(300)), Err(NumberError::TooLong));
        let (_, hint) = NumberError::Grouping.explain("2.5");
        assert!(hint.contains("\"2,5\""), "{hint}");
    }

    #[test]
    fn sums_exactly_and_compares_by_value() {
        let sum = n("0,1").checked_add(n("0,2")).unwrap();
        assert_eq!(sum, n("0,3"));
        assert_eq!(sum.to_string(), "0,3");
        assert_eq!(n("2,50"), n("2,5"));
        assert_eq!(
            n("1.000").checked_add(n("2,5")).unwrap().to_string(),
            "1.002,5"
        );
        let big = n(&"9".repeat(30));
        assert!(big.checked_add(n("1")).is_none());
        assert!(n("1") < n("1,01"));
    }

    #[test]
    fn shifts_units_to_dong() {
        assert_eq!(n("1,25").shifted(6).unwrap().to_u64(), Some(1_250_000));
        assert_eq!(n("250").shifted(6).unwrap().to_u64(), Some(250_000_000));
        assert_eq!(n("0,0000001").shifted(6).unwrap().to_u64(), None);
        assert_eq!(n("-5").to_u64(), None);
        assert_eq!(n("2,00").to_u64(), Some(2));
    }
}
