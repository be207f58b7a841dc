import { sql, type SQL } from "drizzle-orm";

/**
 * A float8 column as JSON text spelled as MLflow writes a double (see formatDouble). PostgreSQL's shortest
 * digits differ only where fixed here: whole numbers lack ".0", [1e15, 1e16) gets an exponent, some from
 * 1e16 on get all digits. NaN (is_nan) and ±Infinity become protobuf's JSON strings.
 */
export function doubleJson(value: SQL, isNan: SQL): SQL {
  return sql`case
    when ${isNan} then '"NaN"'
    when abs(${value}) < 1e15 then case when ${value} = trunc(${value}) then ${value}::text || '.0' else ${value}::text end
    when ${value} = 'Infinity'::float8 then '"Infinity"'
    when ${value} = '-Infinity'::float8 then '"-Infinity"'
    when abs(${value}) < 1e16 then ${inFull(value)}
    when abs(${value}) < 1e21 and ${value} = trunc(${value}) then ${shortestWhole(value)}
    else ${value}::text end`;
}

const sign = (value: SQL) => sql`case when ${value} < 0 then '-' else '' end`;

// "d.ddde+15" → the digits with the point moved 15 places: a 16-digit integer part and at most one
// fraction digit (doubles there are 1/8 to 1 apart), e.g. 1.2345678901234565e+15 → 1234567890123456.5.
function inFull(value: SQL): SQL {
  return sql`(select ${sign(value)} || case when length(digits) <= 16 then rpad(digits, 16, '0') || '.0'
      else left(digits, 16) || '.' || substr(digits, 17) end
    from (select replace(split_part(ltrim(${value}::text, '-'), 'e', 1), '.', '') as digits) as parts)`;
}

// The fewest leading digits that still read back as the same double (the value rounded to 10^k for
// the largest such k), in exponent form: 18133685660161632 → 1.8133685660161632e+16.
function shortestWhole(value: SQL): SQL {
  return sql`(select ${sign(value)} || left(digits, 1) || case when length(digits) > 1 then '.' || substr(digits, 2) else '' end
      || 'e+' || lpad(exponent::text, 2, '0')
    from (select rtrim(abs(rounded)::text, '0') as digits, length(abs(rounded)::text) - 1 as exponent
      from generate_series(21, 0, -1) as k, lateral (select round(${value}::text::numeric, -k) as rounded) as r
      where rounded::float8 = ${value} order by k desc limit 1) as shortest)`;
}
