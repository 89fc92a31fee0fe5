#include "support/payload_shapes.hpp"

namespace jot_test {
namespace {

// Replaces every "@NAME@" of `text` by `value`.
std::string fill(std::string text, const std::string& name, const std::string& value) {
  const std::string marker = "@" + name + "@";
  for (std::size_t at = text.find(marker); at != std::string::npos;
       at = text.find(marker, at + value.size())) {
    text.replace(at, marker.size(), value);
  }
  return text;
}

std::string with_times(std::string text, std::int64_t now) {
  text = fill(std::move(text), "IAT", std::to_string(now - 30));
  text = fill(std::move(text), "NBF", std::to_string(now - 60));
  text = fill(std::move(text), "AUTH", std::to_string(now - 600));
  return fill(std::move(text), "EXP", std::to_string(now + 86400));
}

// A Keycloak access token: realm and client roles in nested objects, allowed-origins,
// non-ASCII names (in values and in a custom claim's name).
const char* const kKeycloak =
    R"({"exp":@EXP@,"iat":@IAT@,"auth_time":@AUTH@,)"
    R"("jti":"onrtac:6f1c2d9e-8b3a-4f7e-9a1d-2c5b8e0f4a73",)"
    R"("iss":"https://sso.example.org/realms/acme","aud":["orders-api","account"],)"
    R"("sub":"f81d4fae-7dec-41d0-a765-00a0c91e6bf6","typ":"Bearer","azp":"orders-web",)"
    R"("sid":"0b8d7c6e-5f4a-4b3c-9d2e-1f0a9b8c7d6e","acr":"1",)"
    R"("allowed-origins":["https://orders.example.org","https://admin.example.org"],)"
    R"("realm_access":{"roles":["offline_access","uma_authorization","default-roles-acme",)"
    R"("order-manager"]},"resource_access":{"orders-api":{"roles":["orders:read",)"
    R"("orders:write","refunds:approve"]},"account":{"roles":["manage-account",)"
    R"("manage-account-links","view-profile"]}},"scope":"openid email profile",)"
    "\"email_verified\":true,\"name\":\"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m\","
    "\"preferred_username\":\"zoe.angstrom\",\"given_name\":\"Zo\xc3\xab\","
    "\"family_name\":\"\xc3\x85ngstr\xc3\xb6m\",\"email\":\"zoe.angstrom@example.org\","
    "\"d\xc3\xa9partement\":\"Recherche & D\xc3\xa9veloppement\",\"locale\":\"sv\"}";

// An Azure AD (Microsoft identity platform v2) access token: ~38 claims, GUIDs, roles,
// groups and wids arrays, amr.
const char* const kAzureAd =
    R"({"aud":"api://7d3f6b2a-41c8-4e9b-b0d5-3a2e1f9c8b7d",)"
    R"("iss":"https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",)"
    R"("iat":@IAT@,"nbf":@NBF@,"exp":@EXP@,"acct":0,"acr":"1",)"
    R"("aio":"AWQAm/8VAAAAq2Jx7Lk3nZ0yUe4fR9sTgHbC1vWdP5oXiMaQ6rKj8lNhYtEc",)"
    R"("amr":["pwd","mfa"],"appid":"c44b4083-3bb0-49c1-b47d-974e53cbdf3c","appidacr":"0",)"
    R"("auth_time":@AUTH@,"ctry":"DE","email":"k.meyer@contoso.example",)"
    R"("family_name":"Meyer","given_name":"Katrin","idp":"https://sts.windows.net/)"
    R"(9188040d-6c67-4c5b-b112-36a304b66dad/","ipaddr":"203.0.113.42","name":"Katrin Meyer",)"
    R"("oid":"00000000-0000-0000-66f3-3332eca7ea81","onprem_sid":)"
    R"("S-1-5-21-1004336348-1177238915-682003330-512","rh":"0.AX0AmAoaXw9sZ0mxEjajBLZtrQ.",)"
    R"("roles":["Orders.Read","Orders.Write","Reports.Export"],)"
    R"("groups":["4f1c2b3a-9d8e-4a7b-8c6d-5e4f3a2b1c0d","a1b2c3d4-e5f6-4789-9abc-def012345678"],)"
    R"("wids":["b79fbf4d-3ef9-4689-8143-76b194e85509","cf1c38e5-3621-4004-a7cb-879624dced7c"],)"
    R"("scp":"access_as_user Orders.ReadWrite","sub":"AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",)"
    R"("tid":"9188040d-6c67-4c5b-b112-36a304b66dad","unique_name":"k.meyer@contoso.example",)"
    R"("upn":"k.meyer@contoso.example","uti":"fqiBqXLPj0eQa82S-IYFAA","ver":"2.0",)"
    R"("xms_tcdt":1289241547,"tenant_region_scope":"EU","azp":)"
    R"("c44b4083-3bb0-49c1-b47d-974e53cbdf3c","azpacr":"0","preferred_username":)"
    R"("k.meyer@contoso.example","login_hint":"O.CiQ3ZDNmNmIyYS00MWM4","sid":)"
    R"("00b1e0a7-1b5a-4c5d-8d1e-2a3b4c5d6e7f","hasgroups":false,"xms_pl":"de-DE"})";

// An Auth0 access token: namespaced URL claim names, permissions, an organisation.
const char* const kAuth0 =
    R"({"https://acme.example.com/roles":["admin","billing-manager"],)"
    R"("https://acme.example.com/tenant":"acme-eu",)"
    R"("https://acme.example.com/app_metadata":{"plan":"enterprise","seats":250,)"
    R"("features":{"sso":true,"audit_log":true}},"https://acme.example.com/email":)"
    R"("r.okafor@acme.example.com","iss":"https://acme.eu.auth0.com/",)"
    R"("sub":"auth0|64b7f0c2e1d3a4b5c6d7e8f9","aud":["https://api.acme.example.com",)"
    R"("https://acme.eu.auth0.com/userinfo"],"iat":@IAT@,"exp":@EXP@,)"
    R"("azp":"Xy7KqP3mN9vB2cL5zR8tW1hJ4dF6gS0a","scope":"openid profile email )"
    R"(read:orders write:orders read:invoices offline_access","org_id":"org_9fK2mQ7xP4vL1nB8",)"
    R"("permissions":["read:invoices","read:orders","write:orders","delete:orders",)"
    R"("read:reports"]})";

// An Amazon Cognito ID token: cognito:groups, cognito:username, token_use, custom:
// attributes and a federated identities array of objects.
const char* const kCognito =
    R"({"sub":"4e8a1f2c-7b3d-4c9e-a5f6-0d1e2f3a4b5c","cognito:groups":["eu-west-1_Qw3Er5Ty7_Google",)"
    R"("admins","analysts"],"email_verified":true,"iss":)"
    R"("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Qw3Er5Ty7",)"
    R"("cognito:username":"google_109876543210987654321","origin_jti":)"
    R"("a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d","aud":"3n4b5urk1ft4fl3mg5e62d9ado",)"
    R"("identities":[{"userId":"109876543210987654321","providerName":"Google",)"
    R"("providerType":"Google","issuer":null,"primary":"true","dateCreated":"1698765432100"}],)"
    R"("token_use":"id","auth_time":@AUTH@,"name":"Mateus Oliveira","exp":@EXP@,)"
    R"("custom:tenant_id":"t-7f3e","custom:plan":"pro","iat":@IAT@,)"
    R"("jti":"c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f","email":"mateus.oliveira@example.com"})";

// A Google ID token: email_verified, hd, picture URL, at_hash, nonce.
const char* const kGoogleId =
    R"({"iss":"https://accounts.google.com",)"
    R"("azp":"407408718192-4n7v2q9kq3rbh5pcs1a8j6c0t2g5m8d1.apps.googleusercontent.com",)"
    R"("aud":"407408718192-4n7v2q9kq3rbh5pcs1a8j6c0t2g5m8d1.apps.googleusercontent.com",)"
    R"("sub":"110169484474386276334","hd":"example.com","email":"priya.raman@example.com",)"
    R"("email_verified":true,"at_hash":"HK6E_P6Dh8Y93mRNtsDB1Q","nonce":)"
    R"("0394852-3190485-2490358-f1e2d3c4","name":"Priya Raman","picture":)"
    R"("https://lh3.googleusercontent.com/a/ACg8ocK3z7Xq9RvN2pLmT5wYbH1dF4sJ8uE6oC0iA7gV=s96-c",)"
    R"("given_name":"Priya","family_name":"Raman","locale":"en","iat":@IAT@,"exp":@EXP@,)"
    R"("jti":"8d3b2a1c0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c"})";

// PHP's json_encode (firebase/php-jwt, Laravel) by default: '/' escaped as \/ and every
// non-ASCII character as \u escapes (surrogate pairs beyond the BMP).
const char* const kEscaped =
    R"({"iss":"https:\/\/auth.example.net\/","aud":"https:\/\/api.example.net\/v2",)"
    R"("iat":@IAT@,"nbf":@NBF@,"exp":@EXP@,"jti":"2f1e0d9c8b7a6f5e","sub":"1042",)"
    R"("prv":"23bd5c8949f600adb39e701c400872db7a5976f7",)"
    R"("name":"Jos\u00e9 Mar\u00eda Garc\u00eda N\u00fa\u00f1ez",)"
    R"("org":"\u00c9tablissements L\u00e9vesque \u0026 Fils","avatar":)"
    R"("https:\/\/cdn.example.net\/u\/1042\/avatar.png?s=96\u0026d=identicon",)"
    R"("bio":"Caf\u00e9 \u2615, M\u00fcnchen \u2194 Z\u00fcrich \ud83d\ude86 \u2014 \"quoted\"",)"
    R"("roles":["admin","editor"],"home":"\/home\/jose","tz":"Europe\/Madrid",)"
    R"("greeting":"\u3053\u3093\u306b\u3061\u306f"})";

// An enterprise token of 55 claims: the flat attributes of a directory, entitlements.
std::string enterprise() {
  std::string p = R"({"iss":"https://idp.corp.example","aud":"hr-portal","sub":"E104729",)"
                  R"("iat":@IAT@,"nbf":@NBF@,"exp":@EXP@,"jti":"ent-0b1c2d3e4f5a6b7c",)";
  const char* const attributes[][2] = {{"employee_id", R"("104729")"},
                                       {"cost_center", R"("CC-4410")"},
                                       {"department", R"("Finance")"},
                                       {"division", R"("EMEA")"},
                                       {"title", R"("Senior Analyst")"},
                                       {"manager", R"("E100311")"},
                                       {"office", R"("LON-3")"},
                                       {"country", R"("GB")"},
                                       {"clearance", "2"},
                                       {"contractor", "false"},
                                       {"mfa", "true"},
                                       {"hire_year", "2017"},
                                       {"grade", R"("P4")"},
                                       {"shift", R"("day")"},
                                       {"badge", R"("B-88213")"},
                                       {"vpn", "true"},
                                       {"locale", R"("en-GB")"},
                                       {"timezone", R"("Europe/London")"},
                                       {"phone_ext", R"("4471")"},
                                       {"floor", "3"},
                                       {"desk", R"("3F-112")"},
                                       {"union", "false"},
                                       {"payroll", R"("monthly")"},
                                       {"legal_entity", R"("Corp UK Ltd")"},
                                       {"region", R"("eu-west")"},
                                       {"segment", R"("corporate")"},
                                       {"tier", "2"},
                                       {"sso_session", R"("s-5d4c3b2a")"},
                                       {"device_trust", R"("managed")"},
                                       {"risk", "0"},
                                       {"ent_hr_read", "true"},
                                       {"ent_hr_write", "false"},
                                       {"ent_fin_read", "true"},
                                       {"ent_fin_approve", "true"},
                                       {"ent_it_admin", "false"},
                                       {"ent_reports", "true"},
                                       {"ent_travel", "true"},
                                       {"ent_expenses", "true"},
                                       {"ent_payroll", "false"},
                                       {"ent_recruiting", "false"},
                                       {"ent_training", "true"},
                                       {"ent_assets", "true"},
                                       {"ent_audit", "false"},
                                       {"groups", R"(["finance","emea-analysts","all-staff"])"},
                                       {"roles", R"(["analyst","approver"])"},
                                       {"email", R"("d.novak@corp.example")"},
                                       {"name", R"("Dana Novak")"}};
  for (const auto& [name, value] : attributes) {
    p += "\"";
    p += name;
    p += "\":";
    p += value;
    p += ",";
  }
  p.back() = '}';
  return p;
}

}  // namespace

std::vector<PayloadShape> payload_shapes(std::int64_t now) {
  return {
      {"keycloak", with_times(kKeycloak, now), "https://sso.example.org/realms/acme", "orders-api"},
      {"azure-ad", with_times(kAzureAd, now),
       "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
       "api://7d3f6b2a-41c8-4e9b-b0d5-3a2e1f9c8b7d"},
      {"auth0", with_times(kAuth0, now), "https://acme.eu.auth0.com/",
       "https://api.acme.example.com"},
      {"cognito", with_times(kCognito, now),
       "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Qw3Er5Ty7",
       "3n4b5urk1ft4fl3mg5e62d9ado"},
      {"google-id", with_times(kGoogleId, now), "https://accounts.google.com",
       "407408718192-4n7v2q9kq3rbh5pcs1a8j6c0t2g5m8d1.apps.googleusercontent.com"},
      {"enterprise-55", with_times(enterprise(), now), "https://idp.corp.example", "hr-portal"},
      {"escaped", with_times(kEscaped, now), "https://auth.example.net/",
       "https://api.example.net/v2"},
  };
}

}  // namespace jot_test
