#pragma once

// Parsed by CMake: keep the string on one line.
#define JOT_VERSION_STRING "0.1.0"
#define JOT_VERSION_MAJOR 0
#define JOT_VERSION_MINOR 1
#define JOT_VERSION_PATCH 0
