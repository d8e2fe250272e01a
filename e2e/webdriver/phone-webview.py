#!/usr/bin/python3
"""A phone-sized WebKitGTK browser for WebKitWebDriver (the WebDriver tests).

WebKitGTK's MiniBrowser would do, but its toolbar keeps its window at least
447 px wide, and in automation mode it browses in an ephemeral session, where
WebKit writes no console message anywhere. This one is a bare WebView in a
390 × 844 window, with a profile of its own (the folder given as argument)
and every console message written on stdout (« CONSOLE … ERROR … »), from
the first byte of the page: the tests read them there.

WebKitWebDriver starts it (capability webkitgtk:browserOptions) and drives
it through the automation session that it asks for.
"""

import ctypes
import os
import signal
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

NAME = "PhoneWebView"
WIDTH, HEIGHT = 390, 844

# Ends with the driver that started it, whatever happens to the driver.
ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

profile = sys.argv[1] if len(sys.argv) > 1 else None
if profile is None:
    sys.exit("usage: phone-webview.py PROFILE_FOLDER")
manager = WebKit2.WebsiteDataManager(
    base_data_directory=os.path.join(profile, "data"),
    base_cache_directory=os.path.join(profile, "cache"),
)
context = WebKit2.WebContext(website_data_manager=manager)
context.set_automation_allowed(True)
settings = WebKit2.Settings()
settings.set_enable_write_console_messages_to_stdout(True)


windows = set()


def closed(window):
    # The session is over once its last window is closed.
    windows.discard(window)
    if not windows:
        Gtk.main_quit()


def create_web_view(_session):
    view = WebKit2.WebView(web_context=context, settings=settings, is_controlled_by_automation=True)
    window = Gtk.Window(title=NAME)
    window.set_default_size(WIDTH, HEIGHT)
    window.add(view)
    view.connect("close", lambda v: v.get_toplevel().destroy())
    window.connect("destroy", closed)
    windows.add(window)
    window.show_all()
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name(NAME)
    info.set_version(1, 0, 0)
    session.set_application_info(info)
    session.connect("create-web-view", create_web_view)


context.connect("automation-started", automation_started)
Gtk.main()
