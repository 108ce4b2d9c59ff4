"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * A popover in a layout survives client-side navigation: after following "Personal
 * settings" the menu would stay open on the next page. Closes it when the path changes.
 */
export function ClosePopoverOnNavigation({ popoverId }: { popoverId: string }) {
  const pathname = usePathname();
  useEffect(() => {
    const popover = document.getElementById(popoverId);
    if (popover?.matches(":popover-open")) popover.hidePopover();
  }, [pathname, popoverId]);
  return null;
}
