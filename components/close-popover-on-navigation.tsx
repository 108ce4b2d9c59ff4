"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * A popover in a layout survives client-side navigation: after following "Personal
 * settings" the menu would stay open on the next page (or on the same page, when the
 * link leads where the user already is). Closes it when one of its links is followed and
 * when the path changes.
 */
export function ClosePopoverOnNavigation({ popoverId }: { popoverId: string }) {
  const pathname = usePathname();
  useEffect(() => {
    const popover = document.getElementById(popoverId);
    if (!popover) return;
    const hide = () => {
      if (popover.matches(":popover-open")) popover.hidePopover();
    };
    hide();
    const hideOnLink = (event: Event) => {
      if (event.target instanceof Element && event.target.closest("a[href]")) hide();
    };
    popover.addEventListener("click", hideOnLink);
    return () => popover.removeEventListener("click", hideOnLink);
  }, [pathname, popoverId]);
  return null;
}
