// Keyboard dragging across lanes: left / right jump to the neighbouring lane's middle, instead of
// nudging 25px at a time; up / down move within the lane.
import type { KeyboardCoordinateGetter } from "@dnd-kit/core";

const STEP = 40;

export const laneCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (event.code === "ArrowDown") return { ...currentCoordinates, y: currentCoordinates.y + STEP };
  if (event.code === "ArrowUp") return { ...currentCoordinates, y: currentCoordinates.y - STEP };
  if ((event.code !== "ArrowRight" && event.code !== "ArrowLeft") || !collisionRect) return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  const lanes = droppableContainers
    .getEnabled()
    .map((container) => droppableRects.get(container.id))
    .filter((rect): rect is NonNullable<typeof rect> => rect !== undefined)
    .sort((a, b) => a.left - b.left);
  const target =
    event.code === "ArrowRight"
      ? lanes.find((rect) => rect.left > centre)
      : [...lanes].reverse().find((rect) => rect.left + rect.width < centre);
  if (!target) return undefined;
  return { x: currentCoordinates.x + (target.left + target.width / 2 - centre), y: currentCoordinates.y };
};
