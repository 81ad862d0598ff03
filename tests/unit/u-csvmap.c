/* u-csvmap.c: the headers of real exports read as farley fields, rows
 * turned into import values, --map, dates and amounts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "farley/csvmap.h"

/* Split "a,b,c" (no quoting needed here) into a NULL-terminated array. */
static size_t split(char *s, const char **out, size_t max)
{
	size_t n = 0;
	for (char *p = s; n < max; p++) {
		out[n++] = p;
		p = strchr(p, ',');
		if (!p)
			break;
		*p = '\0';
	}
	return n;
}

static struct farley_csvmap *map_of(enum farley_kind kind, const char *header,
				    const char *const *maps, size_t nmaps)
{
	static char buf[4096];
	const char *cols[128];
	struct farley_csvmap *m = NULL;
	struct farley_error err = FARLEY_ERROR_INIT;
	size_t n;
	strcpy(buf, header);
	n = split(buf, cols, 128);
	if (farley_csvmap_new(&m, kind, cols, n, maps, nmaps, &err))
		fail_msg("%s", err.msg);
	return m;
}

/* "Header=target" for every column, "-" for left out, joined by "; ". */
static void expect_targets(enum farley_kind kind, const char *header,
			   const char *want)
{
	struct farley_csvmap *m = map_of(kind, header, NULL, 0);
	struct strbuf got = STRBUF_INIT;
	char copy[4096];
	const char *cols[128];
	size_t n;
	strcpy(copy, header);
	n = split(copy, cols, 128);
	for (size_t i = 0; i < n; i++) {
		const char *t = farley_csvmap_target(m, i);
		strbuf_addf(&got, "%s%s=%s", i ? "; " : "", cols[i], t ? t : "-");
	}
	assert_string_equal(got.buf, want);
	strbuf_release(&got);
	farley_csvmap_free(m);
}

static void google(void **state)
{
	(void)state;
	/* the old format (roundcube's tests/src/Csv2vcard/gmail.csv), in part */
	expect_targets(FARLEY_CONTACT,
		       "Name,Given Name,Additional Name,Family Name,Name Prefix,"
		       "Birthday,Notes,Group Membership,E-mail 1 - Type,"
		       "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
		       "Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
		       "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
		       "Address 1 - Country,Organization 1 - Name,Organization 1 - Title,"
		       "Website 1 - Value",
		       "Name=name; Given Name=name; Additional Name=name; Family Name=name; "
		       "Name Prefix=-; Birthday=birthday; Notes=notes; "
		       "Group Membership=tags; E-mail 1 - Type=-; "
		       "E-mail 1 - Value=emails; Phone 1 - Type=-; Phone 1 - Value=phones; "
		       "Address 1 - Formatted=-; Address 1 - Street=address.street; "
		       "Address 1 - City=address.city; Address 1 - PO Box=-; "
		       "Address 1 - Region=address.region; "
		       "Address 1 - Postal Code=address.postcode; "
		       "Address 1 - Country=address.country; "
		       "Organization 1 - Name=company; Organization 1 - Title=title; "
		       "Website 1 - Value=company_domain");
	/* the new format */
	expect_targets(FARLEY_CONTACT,
		       "First Name,Middle Name,Last Name,Organization Name,"
		       "Organization Title,Labels,E-mail 1 - Label,E-mail 1 - Value,"
		       "Phone 1 - Label,Phone 1 - Value",
		       "First Name=name; Middle Name=name; Last Name=name; "
		       "Organization Name=company; Organization Title=title; Labels=tags; "
		       "E-mail 1 - Label=-; E-mail 1 - Value=emails; Phone 1 - Label=-; "
		       "Phone 1 - Value=phones");
}

static void outlook_and_others(void **state)
{
	(void)state;
	/* Outlook: "Title" is Mr or Dr when there is a "Job Title" */
	expect_targets(FARLEY_CONTACT,
		       "Title,First Name,Last Name,Company,Job Title,Business Street,"
		       "Business Street 2,Business City,Business Postal Code,"
		       "Business Country/Region,Mobile Phone,Business Fax,"
		       "E-mail Address,E-mail Display Name,E-mail 2 Address,Categories,"
		       "Web Page",
		       "Title=-; First Name=name; Last Name=name; Company=company; "
		       "Job Title=title; Business Street=address.street; "
		       "Business Street 2=address.street; Business City=address.city; "
		       "Business Postal Code=address.postcode; "
		       "Business Country/Region=address.country; Mobile Phone=phones; "
		       "Business Fax=-; E-mail Address=emails; E-mail Display Name=-; "
		       "E-mail 2 Address=emails; Categories=tags; Web Page=company_domain");
	/* LinkedIn connections */
	expect_targets(FARLEY_CONTACT,
		       "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
		       "First Name=name; Last Name=name; URL=company_domain; "
		       "Email Address=emails; Company=company; Position=title; "
		       "Connected On=-");
	/* HubSpot */
	expect_targets(FARLEY_CONTACT,
		       "First Name,Last Name,Email,Phone Number,Company Name,Job Title,"
		       "Website URL,Street Address,State/Region,Postal Code",
		       "First Name=name; Last Name=name; Email=emails; Phone Number=phones; "
		       "Company Name=company; Job Title=title; Website URL=company_domain; "
		       "Street Address=address.street; State/Region=address.region; "
		       "Postal Code=address.postcode");
	/* Salesforce: labels and API names; here "Title" is the job */
	expect_targets(FARLEY_CONTACT,
		       "FirstName,LastName,Account Name,Title,Email,Mobile,Mailing Street,"
		       "Mailing Zip/Postal Code,Mailing State/Province,Birthdate",
		       "FirstName=name; LastName=name; Account Name=company; Title=title; "
		       "Email=emails; Mobile=phones; Mailing Street=address.street; "
		       "Mailing Zip/Postal Code=address.postcode; "
		       "Mailing State/Province=address.region; Birthdate=birthday");
	expect_targets(FARLEY_COMPANY,
		       "ID,NAME,BILLINGSTREET,BILLINGCITY,PHONE,WEBSITE,INDUSTRY,TYPE,"
		       "DESCRIPTION",
		       "ID=-; NAME=name; BILLINGSTREET=address.street; "
		       "BILLINGCITY=address.city; PHONE=phones; WEBSITE=domain; "
		       "INDUSTRY=industry; TYPE=tags; DESCRIPTION=notes");
	/* Pipedrive deals */
	expect_targets(FARLEY_DEAL,
		       "Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,"
		       "Deal - Expected close date,Organization - Name,Person - Name",
		       "Deal - Title=title; Deal - Value=value; Deal - Currency=currency; "
		       "Deal - Stage=stage; Deal - Expected close date=close; "
		       "Organization - Name=company; Person - Name=-");
	/* Pipedrive people */
	expect_targets(FARLEY_CONTACT,
		       "Person - Name,Person - Email (Work),Person - Phone,"
		       "Organization - Name",
		       "Person - Name=name; Person - Email (Work)=emails; "
		       "Person - Phone=phones; Organization - Name=company");
}

static const char *value_of(const struct farley_import_row *row, const char *field,
			    int nth)
{
	for (size_t i = 0; i < row->n; i++)
		if (!strcmp(row->v[i].field, field) && !nth--)
			return row->v[i].value;
	return NULL;
}

static void rows(void **state)
{
	struct farley_csvmap *m;
	struct farley_import_row row;
	const char *const *unused;
	const char *cells[16];
	(void)state;
	m = map_of(FARLEY_CONTACT,
		   "Given Name,Additional Name,Family Name,Birthday,Group Membership,"
		   "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,"
		   "Website 1 - Type,Website 1 - Value,Nickname",
		   NULL, 0);
	cells[0] = " Jane ";
	cells[1] = "";
	cells[2] = "Doe";
	cells[3] = "04/02/1980";
	cells[4] = "* myContacts ::: * starred ::: Friends";
	cells[5] = "jane@acme.example ::: JD@home.example";
	cells[6] = "Mobile";
	cells[7] = "+49 30 1234";
	cells[8] = "Acme GmbH";
	cells[9] = "Work";
	cells[10] = "https://www.acme.example/about";
	cells[11] = "";
	assert_int_equal(farley_csvmap_row(m, cells, 12, &row), 1);
	assert_int_equal(row.kind, FARLEY_CONTACT);
	assert_string_equal(value_of(&row, "name", 0), "Jane Doe");
	assert_string_equal(value_of(&row, "birthday", 0), "1980-04-02");
	assert_string_equal(value_of(&row, "tags", 0), "starred");
	assert_string_equal(value_of(&row, "tags", 1), "Friends");
	assert_null(value_of(&row, "tags", 2));
	assert_string_equal(value_of(&row, "emails", 0), "jane@acme.example");
	assert_string_equal(value_of(&row, "emails", 1), "jd@home.example");
	assert_string_equal(value_of(&row, "phones", 0), "+49 30 1234");
	assert_string_equal(row.company, "Acme GmbH");
	assert_string_equal(row.company_domain, "https://www.acme.example/about");
	for (size_t i = 0; i < row.n; i++)
		if (!strcmp(row.v[i].field, "emails"))
			assert_string_equal(row.v[i].source, "E-mail 1 - Value");
	/* no year: birthday_md; a fax is no phone; a profile page no company */
	cells[3] = "--12-24";
	cells[6] = "Work Fax";
	cells[9] = "Profile";
	cells[11] = "JJ";
	assert_int_equal(farley_csvmap_row(m, cells, 12, &row), 1);
	assert_null(value_of(&row, "birthday", 0));
	assert_string_equal(value_of(&row, "birthday_md", 0), "12-24");
	assert_null(value_of(&row, "phones", 0));
	assert_null(row.company_domain);
	/* a row of empty cells is nothing */
	for (size_t i = 0; i < 12; i++)
		cells[i] = " ";
	assert_int_equal(farley_csvmap_row(m, cells, 12, &row), 0);
	/* the column left out that held something */
	assert_int_equal(farley_csvmap_unused(m, &unused), 1);
	assert_string_equal(unused[0], "Nickname");
	farley_csvmap_free(m);
}

static void addresses(void **state)
{
	struct farley_csvmap *m;
	struct farley_import_row row;
	const char *cells[8];
	(void)state;
	/* the business address whole, not parts of two */
	m = map_of(FARLEY_CONTACT,
		   "Last Name,Home Street,Home City,Business Street,Business Street 2,"
		   "Business City",
		   NULL, 0);
	cells[0] = "Doe";
	cells[1] = "1 Home Way";
	cells[2] = "Hometown";
	cells[3] = "5 Work St\nFloor 3";
	cells[4] = "Suite 9";
	cells[5] = "";
	assert_int_equal(farley_csvmap_row(m, cells, 6, &row), 1);
	assert_string_equal(value_of(&row, "address.street", 0),
			    "5 Work St, Floor 3, Suite 9");
	assert_null(value_of(&row, "address.city", 0));
	cells[3] = cells[4] = "";
	assert_int_equal(farley_csvmap_row(m, cells, 6, &row), 1);
	assert_string_equal(value_of(&row, "address.street", 0), "1 Home Way");
	assert_string_equal(value_of(&row, "address.city", 0), "Hometown");
	farley_csvmap_free(m);
}

static void maps(void **state)
{
	struct farley_csvmap *m = NULL;
	struct farley_import_row row;
	struct farley_error err = FARLEY_ERROR_INIT;
	const char *header[] = { "Full", "Tier", "Kunde seit", "E-mail" };
	const char *good[] = { "full=name", "Tier = tier", "kunde-seit=created",
			       "E-mail=-" };
	const char *cells[] = { "Ann Lee", "gold", "3.1.2020", "a@b.example" };
	const char *bad1[] = { "Tier=Not A Field" };
	const char *bad2[] = { "Missing=tier" };
	const char *bad3[] = { "Tier" };
	const char *bad4[] = { "Tier=address" };
	(void)state;
	assert_int_equal(farley_csvmap_new(&m, FARLEY_CONTACT, header, 4, good, 4, &err), 0);
	assert_string_equal(farley_csvmap_target(m, 0), "name");
	assert_string_equal(farley_csvmap_target(m, 1), "tier");
	assert_string_equal(farley_csvmap_target(m, 2), "created");
	assert_null(farley_csvmap_target(m, 3));
	assert_int_equal(farley_csvmap_row(m, cells, 4, &row), 1);
	assert_string_equal(value_of(&row, "name", 0), "Ann Lee");
	assert_string_equal(value_of(&row, "tier", 0), "gold");
	assert_string_equal(value_of(&row, "created", 0), "2020-01-03");
	assert_null(value_of(&row, "emails", 0));
	farley_csvmap_free(m);
	{
		/* a column mapped to name wins over first and last name */
		const char *h2[] = { "First Name", "Last Name", "Shown As" };
		const char *m2[] = { "shown as=name" };
		const char *c2[] = { "Ann", "Lee", "Dr. Ann Lee-Smith" };
		assert_int_equal(farley_csvmap_new(&m, FARLEY_CONTACT, h2, 3, m2, 1, &err), 0);
		assert_int_equal(farley_csvmap_row(m, c2, 3, &row), 1);
		assert_string_equal(value_of(&row, "name", 0), "Dr. Ann Lee-Smith");
		assert_null(value_of(&row, "name", 1));
		farley_csvmap_free(m);
	}
	assert_int_equal(farley_csvmap_new(&m, FARLEY_CONTACT, header, 4, bad1, 1, &err),
			 FARLEY_EUSAGE);
	assert_non_null(strstr(err.msg, "'Not A Field' is not a valid field name"));
	farley_error_clear(&err);
	assert_int_equal(farley_csvmap_new(&m, FARLEY_CONTACT, header, 4, bad2, 1, &err),
			 FARLEY_EUSAGE);
	assert_string_equal(err.msg, "--map 'Missing=tier': no column 'Missing' in the header");
	farley_error_clear(&err);
	assert_int_equal(farley_csvmap_new(&m, FARLEY_CONTACT, header, 4, bad3, 1, &err),
			 FARLEY_EUSAGE);
	farley_error_clear(&err);
	assert_int_equal(farley_csvmap_new(&m, FARLEY_CONTACT, header, 4, bad4, 1, &err),
			 FARLEY_EUSAGE);
	farley_error_clear(&err);
}

static void date(const char *in, int want, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(farley_csvmap_date(&sb, in), want);
	assert_string_equal(sb.buf, out);
	strbuf_release(&sb);
}

static void dates(void **state)
{
	(void)state;
	date("1980-04-02", 0, "1980-04-02");
	date("1980-4-2", 0, "1980-04-02");
	date("2006-04-15T03:23:15.000Z", 0, "2006-04-15");
	date("04/02/1980", 0, "1980-04-02");  /* US: April 2 */
	date("20/01/1991", 0, "1991-01-20");  /* no month 20: day first */
	date("2.4.1980", 0, "1980-04-02");
	date("02 Jan 2024", 0, "2024-01-02"); /* LinkedIn */
	date("Apr 2, 1980", 0, "1980-04-02");
	date("--04-02", 1, "04-02");
	date("--02-29", 1, "02-29");
	date("0/0/00", 2, "");
	date("1980-02-30", -1, "1980-02-30");
	date("4/2/80", -1, "4/2/80");
	date("next tuesday", -1, "next tuesday");
	date("--13-01", -1, "--13-01");
}

static void money(const char *in, int want, const char *out)
{
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(farley_csvmap_money(&sb, in), want);
	assert_string_equal(sb.buf, out);
	strbuf_release(&sb);
}

static void amounts(void **state)
{
	(void)state;
	money("12000", 0, "12000");
	money("$12,000.50", 0, "12000.50");
	money("12.000,50 \xE2\x82\xAC", 0, "12000.50");
	money("EUR 1 200", 0, "1200");
	money("1,5", 0, "1.5");
	money("-3.25", 0, "-3.25");
	money("1,2345", -1, "1,2345");
	money("twelve", -1, "twelve");
	money("1.2.3", -1, "1.2.3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(google),    cmocka_unit_test(outlook_and_others),
		cmocka_unit_test(rows),      cmocka_unit_test(addresses),
		cmocka_unit_test(maps),      cmocka_unit_test(dates),
		cmocka_unit_test(amounts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
