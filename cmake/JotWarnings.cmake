# Warning flags and OpenSSL API level for jot's own targets only (never for dependencies).
function(jot_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(JOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Only OpenSSL 3's current API: deprecated functions are not even declared.
  target_compile_definitions(${target} PRIVATE OPENSSL_API_COMPAT=30000 OPENSSL_NO_DEPRECATED)
endfunction()
