// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's float semantics where the spec depends on them: {@code repr(x)}, {@code round(x, 5)} and
 * {@code f"{x:.5f}"}. All three work on the exact binary value, as CPython's dtoa does.
 */
public final class PythonFloats {
    /** Beyond 2^53 every double is an integer: rounding to any number of decimals is the identity. */
    private static final double NO_FRACTION = 9007199254740992.0;

    private PythonFloats() {
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16. */
    public static String repr(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0";
        }
        StringBuilder out = new StringBuilder(24);
        appendRepr(out, v);
        return out.toString();
    }

    static void appendRepr(StringBuilder out, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            out.append(repr(v));
            return;
        }
        double abs = Math.abs(v);
        // Jackson's Schubfach writer gives the shortest digits in Java's Double.toString form.
        String java = NumberOutput.toString(abs, true);
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(20).append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        // value = 0.DIGITS * 10^decpt
        int decpt = dot + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        decpt -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        String d = digits.toString();
        if (d.length() == 2) {
            // Java's spec wants two digits at least ("4.9E-324"); Python takes one when one round-trips ("5e-324").
            d = shortenToOneDigit(abs, d, decpt);
            if (d.length() == 1 && d.charAt(0) == ':') {
                d = "1";
                decpt++;
            }
        }
        if (v < 0) {
            out.append('-');
        }
        format(out, d, decpt);
    }

    private static String shortenToOneDigit(double abs, String twoDigits, int decpt) {
        char first = twoDigits.charAt(0);
        String down = String.valueOf(first);
        String up = String.valueOf((char) (first + 1)); // ':' stands for 10
        boolean downOk = parse(down, decpt) == abs;
        boolean upOk = first == '9' ? parse("1", decpt + 1) == abs : parse(up, decpt) == abs;
        if (downOk && upOk) {
            BigDecimal exact = new BigDecimal(abs);
            BigDecimal dd = new BigDecimal("0." + down + "E" + decpt);
            BigDecimal du = first == '9' ? new BigDecimal("0.1E" + (decpt + 1)) : new BigDecimal("0." + up + "E" + decpt);
            return exact.subtract(dd).abs().compareTo(du.subtract(exact).abs()) <= 0 ? down : up;
        }
        if (downOk) {
            return down;
        }
        if (upOk) {
            return up;
        }
        return twoDigits;
    }

    private static double parse(String digit, int decpt) {
        return Double.parseDouble("0." + digit + "E" + decpt);
    }

    private static void format(StringBuilder out, String d, int decpt) {
        int n = d.length();
        int sciExponent = decpt - 1;
        if (sciExponent < -4 || sciExponent >= 16) {
            out.append(d.charAt(0));
            if (n > 1) {
                out.append('.').append(d, 1, n);
            }
            out.append('e').append(sciExponent < 0 ? '-' : '+');
            int a = Math.abs(sciExponent);
            if (a < 10) {
                out.append('0');
            }
            out.append(a);
        } else if (decpt <= 0) {
            out.append("0.");
            for (int i = 0; i < -decpt; i++) {
                out.append('0');
            }
            out.append(d);
        } else if (decpt >= n) {
            out.append(d);
            for (int i = n; i < decpt; i++) {
                out.append('0');
            }
            out.append(".0");
        } else {
            out.append(d, 0, decpt).append('.').append(d, decpt, n);
        }
    }

    /** Python's {@code round(x, 5)}: half-even on the exact binary value; the sign of a zero result is kept. */
    public static double round5(double x) {
        if (!Double.isFinite(x) || x == 0 || Math.abs(x) >= NO_FRACTION) {
            return x;
        }
        double r = new BigDecimal(x).setScale(5, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    /** Python's {@code f"{x:.5f}"}: every integer digit, the sign of a negative zero kept. */
    public static String format5(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        BigDecimal rounded = new BigDecimal(x).setScale(5, RoundingMode.HALF_EVEN);
        String plain = rounded.toPlainString();
        boolean negative = x < 0 || Double.doubleToRawLongBits(x) < 0;
        return negative && rounded.signum() == 0 ? "-" + plain : plain;
    }
}
