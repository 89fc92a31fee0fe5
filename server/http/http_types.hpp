#pragma once

// The HTTP message types the server's parts exchange (Beast, string bodies).

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace jot::server {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

}  // namespace jot::server
